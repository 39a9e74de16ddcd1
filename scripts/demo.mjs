// npm run demo: the whole story on a throwaway repository. Two agents run at the same time, each inside its
// session's sandbox (hs session run --detach); hs refuses a destructive command and an out-of-scope commit
// (with and without --no-verify), applies one clean merge-back, blocks a conflicting one with its report, and
// proves the Flight Recorder's chain. Each step is a small function of the shared context; add steps to STEPS.
// Exits non-zero if any step deviates from the story.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { finishWork, planWork, sessionForTask } from "./demo-work.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const hsBin = path.join(root, "bin", "hs");
const bold = (text) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${text}\x1b[0m` : text);

function context() {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-demo-")));
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("GIT_") && !key.startsWith("HS_"))),
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: "Demo",
    GIT_AUTHOR_EMAIL: "demo@example.com",
    GIT_COMMITTER_NAME: "Demo",
    GIT_COMMITTER_EMAIL: "demo@example.com",
    HS_APPROVAL_TIMEOUT_SECONDS: "60",
  };
  const repo = path.join(dir, "shop");
  const ctx = { dir, repo, env, failures: 0, worktree: (id) => path.join(dir, "shop.hs", id) };

  /** Runs a command, prints it and its output, and checks the exit code the story expects. */
  ctx.run = (cwd, command, args, expect = 0, label) => {
    const isHs = command === process.execPath;
    const shown = label ?? [isHs ? "hs" : command, ...args.slice(isHs ? 1 : 0)].map((a) => (/[\s'"*$;]/.test(a) ? `'${a}'` : a)).join(" ");
    console.log(`${path.relative(dir, cwd) || "."}$ ${shown}`);
    const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
    const output = `${result.stdout}${result.stderr}`.trimEnd();
    if (output) console.log(output.replace(/^/gm, "    "));
    ctx.check(expect === "nonzero" ? result.status !== 0 : result.status === expect, `exit ${result.status}`, `wanted ${expect}`);
    return result;
  };
  ctx.hs = (args, expect = 0, cwd = repo, label) => ctx.run(cwd, process.execPath, [hsBin, ...args], expect, label);
  ctx.git = (args, expect = 0, cwd = repo) => ctx.run(cwd, "git", args, expect);
  ctx.hsJson = (args) => JSON.parse(spawnSync(process.execPath, [hsBin, ...args, "--json"], { cwd: repo, env, encoding: "utf8" }).stdout || "null");
  ctx.check = (ok, what, wanted) => {
    console.log(`    -> ${what}${ok ? "" : `  (UNEXPECTED: ${wanted})`}`);
    if (!ok) ctx.failures += 1;
  };
  ctx.write = (file, text) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };
  return ctx;
}

const show = (title) => console.log(`\n${bold(`== ${title}`)}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The agents: shell scripts run inside the sandbox. `try WANT CMD…` runs a command and records whether its
// exit code is the one the story expects; the script's own exit code counts the surprises.
const AGENT_PRELUDE = `
surprises=0
try() { want=$1; shift; echo "agent\\$ $*"; "$@"; got=$?
  if [ "$want" = nonzero ] && [ $got -ne 0 ] || [ "$want" = "$got" ]; then echo "   -> exit $got"; else echo "   -> exit $got (UNEXPECTED: wanted $want)"; surprises=$((surprises+1)); fi; }
`;

const CART_AGENT = `${AGENT_PRELUDE}
printf 'export const total = (items) => items.reduce((a, b) => a + b.price * b.qty, 0);\\n' > src/cart.js
printf '# Shop\\n\\nCart totals use price x qty.\\n' > docs/README.md
try 0 git commit -q -am 'cart: price x qty'
try 77 rm -rf ../pay
printf '\\nUncommitted notes a reset would destroy.\\n' >> docs/README.md
try 77 git reset --hard HEAD~1
grep -q 'Uncommitted notes' docs/README.md && echo "   notes still there"
try 0 git commit -q -am 'docs: notes'
exit $surprises
`;

const PAY_AGENT = `${AGENT_PRELUDE}
printf "export const checkout = (cart) => (cart.length ? 'ok' : 'empty');\\n" > src/checkout.js
printf '# Shop\\n\\nCheckout refuses empty carts.\\n' > docs/README.md
git add -A
try nonzero git commit -q -m 'checkout + docs'
try nonzero git commit -q --no-verify -m 'checkout + docs'
try 0 git restore --staged docs/README.md
printf '# Shop\\n' > docs/README.md
try 0 git commit -q -m 'checkout: refuse empty carts'
exit $surprises
`;

async function aRepository(ctx) {
  show("A small repository");
  fs.mkdirSync(ctx.repo);
  ctx.git(["init", "-q", "-b", "main"]);
  ctx.write(path.join(ctx.repo, "src/cart.js"), "export const total = (items) => items.reduce((a, b) => a + b, 0);\n");
  ctx.write(path.join(ctx.repo, "src/checkout.js"), "export const checkout = () => 'ok';\n");
  ctx.write(path.join(ctx.repo, "docs/README.md"), "# Shop\n");
  ctx.write(path.join(ctx.repo, "config/prices.json"), '{ "tax": 0.2 }\n');
  ctx.git(["add", "-A"]);
  ctx.git(["commit", "-q", "-m", "initial shop"]);
}

async function initHs(ctx) {
  show("hs init: registry, policy file, hooks");
  ctx.hs(["init"]);
}

/** demo-work.mjs speaks `hs(cwd, args, expect)`. */
const workContext = (ctx) => ({ hs: (cwd, args, expect) => ctx.hs(args, expect, cwd), repo: ctx.repo, show, hsBin, env: ctx.env });

async function planTheWork(ctx) {
  planWork(workContext(ctx));
}

async function createSessions(ctx) {
  show("Two sessions, each in its own worktree with its task's scope");
  ctx.hs(sessionForTask("cart", "MT-001", "demo-agent"));
  ctx.hs(sessionForTask("pay", "MT-002", "demo-agent"));
}

async function startAgents(ctx) {
  show("Both agents start at once, each inside its session's sandbox, git and rm behind the Tool Gate");
  for (const [id, script] of [["cart", CART_AGENT], ["pay", PAY_AGENT]]) {
    console.log(`    ${id}'s agent script:\n${script.split("try() {")[1].split("\n").slice(2).join("\n").trim().replace(/^/gm, "      | ")}`);
    ctx.hs(["session", "run", id, "--detach", "--", "sh", "-c", script], 0, ctx.repo, `hs session run ${id} --detach -- sh -c "$${id.toUpperCase()}_AGENT"`);
  }
  ctx.hs(["session", "list"]);
  // Running, or waiting for the operator (blocked): either way both agents are live at the same time.
  const states = ctx.hsJson(["session", "list"]).map((s) => s.state);
  ctx.check(states.every((state) => state === "active" || state === "blocked"), `states: ${states.join(", ")}`, "both live");
}

/** The operator's side while the agents work: each request is shown, then decided. */
async function operatorDecides(ctx) {
  show("The agents ask; the operator decides (hs approvals, hs approve, hs deny)");
  const decisions = [
    { session: "pay", rule: /hooks\.bypass/, args: ["approve"], why: "pay tries --no-verify: approved once, the reference-transaction hook still refuses" },
    { session: "cart", rule: /reset/, args: ["deny", "--reason", "commit your notes first"], why: "cart asks for git reset --hard: denied, with a reason the agent reads" },
  ];
  const deadline = Date.now() + 40_000;
  while (decisions.length && Date.now() < deadline) {
    const pending = ctx.hsJson(["approvals"]) ?? [];
    for (const request of pending) {
      const index = decisions.findIndex((d) => d.session === request.session_id && d.rule.test(request.rule));
      if (index < 0) continue;
      const [decision] = decisions.splice(index, 1);
      console.log(`    (${decision.why})`);
      ctx.hs(["approvals"]);
      const [verb, ...rest] = decision.args;
      ctx.hs([verb, request.id, ...rest]);
    }
    await sleep(150);
  }
  ctx.check(decisions.length === 0, `${2 - decisions.length} of 2 requests decided`, "both requests seen");
}

async function agentsFinish(ctx) {
  show("What the agents saw (hs session logs --follow returns when the agent is done)");
  for (const id of ["pay", "cart"]) {
    const result = await new Promise((resolve) => {
      const child = spawn(process.execPath, [hsBin, "session", "logs", id, "--follow"], { cwd: ctx.repo, env: ctx.env });
      let out = "";
      child.stdout.on("data", (chunk) => (out += chunk));
      child.stderr.on("data", (chunk) => (out += chunk));
      const timer = setTimeout(() => child.kill("SIGINT"), 40_000);
      child.on("close", (code) => (clearTimeout(timer), resolve({ code, out })));
    });
    console.log(`shop$ hs session logs ${id} --follow`);
    console.log(result.out.trimEnd().replace(/^/gm, "    "));
    ctx.check(/host ended \(exit 0\)/.test(result.out), `${id}'s agent: ${/host ended \(exit (\d+)\)/.exec(result.out)?.[0] ?? "did not end"}`, "exit 0 (every step as expected)");
  }
  console.log(`    ../pay still there: ${fs.existsSync(path.join(ctx.worktree("pay"), "src/checkout.js"))}`);
}

async function operatorLooks(ctx) {
  show("The operator looks at the work from the host (filters, textconv and hooks of the worktree stay off)");
  ctx.hs(["session", "status", "cart"]);
  ctx.hs(["session", "diff", "pay", "--stat"]);
}

async function mainMoves(ctx) {
  show("Meanwhile main moves: someone edits the same line cart changed");
  ctx.write(path.join(ctx.repo, "src/cart.js"), "export const total = (items) => items.reduce((a, b) => a + b.amount, 0);\n");
  ctx.git(["commit", "-q", "-am", "main: amounts"]);
  show("The conflict radar sees it coming");
  ctx.hs(["conflicts"]);
}

async function payMergesBack(ctx) {
  show("pay hands back cleanly: dry run, then apply");
  ctx.hs(["merge-back", "pay"]);
  ctx.hs(["merge-back", "pay", "--apply"]);
  ctx.git(["log", "--oneline", "-3"]);
}

async function cartIsBlocked(ctx) {
  show("cart conflicts with main: blocked, with a report, nothing resolved silently");
  const blocked = ctx.hs(["merge-back", "cart", "--json"], 3);
  try {
    const md = JSON.parse(blocked.stdout).report;
    if (md && fs.existsSync(md)) console.log(fs.readFileSync(md, "utf8").replace(/^/gm, "    | "));
    else ctx.check(false, "no conflicts.md", "a conflict report");
  } catch {
    ctx.check(false, "no JSON report", "a JSON summary");
  }
  ctx.hs(["session", "list"]);
}

async function workAfterHandBack(ctx) {
  finishWork(workContext(ctx));
}

async function flightRecorder(ctx) {
  show("The Flight Recorder: every step above, hash-chained");
  ctx.hs(["log", "--limit", "400"]);
  ctx.hs(["log", "verify"]);
}

export const STEPS = [
  aRepository,
  initHs,
  planTheWork,
  createSessions,
  startAgents,
  operatorDecides,
  agentsFinish,
  operatorLooks,
  mainMoves,
  payMergesBack,
  cartIsBlocked,
  workAfterHandBack,
  flightRecorder,
];

/** --keep: leaves `hs ui` serving the demo repository and ends with its one-time login URL. */
async function serveUi(ctx) {
  const info = path.join(ctx.dir, "hs-ui.json");
  const out = fs.openSync(info, "w");
  const child = spawn(process.execPath, [hsBin, "ui", "--no-open", "--json"], { cwd: ctx.repo, env: ctx.env, detached: true, stdio: ["ignore", out, "ignore"] });
  child.unref();
  fs.closeSync(out);
  for (let waited = 0; waited < 20_000; waited += 100) {
    const line = fs.readFileSync(info, "utf8").split("\n")[0];
    if (line) {
      const ui = JSON.parse(line);
      console.log(`\nDev Command Center for ${ctx.repo}:\n  ${bold(ui.login_url)}\n  (hs ui pid ${ui.pid}; stop it with: kill ${ui.pid})`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  console.log(`hs ui did not start; run it yourself: cd ${ctx.repo} && hs ui`);
}

async function main() {
  const ctx = context();
  const started = Date.now();
  try {
    for (const step of STEPS) await step(ctx);
  } catch (error) {
    ctx.failures += 1;
    console.log(`demo step failed: ${error?.stack ?? error}`);
  } finally {
    for (const id of ["cart", "pay"]) spawnSync(process.execPath, [hsBin, "session", "cancel", id], { cwd: ctx.repo, env: ctx.env });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n${ctx.failures ? bold(`demo finished with ${ctx.failures} unexpected result(s) in ${seconds} s`) : bold(`demo finished in ${seconds} s: every step behaved as described`)}`);
  if (process.argv.includes("--keep")) {
    console.log(`kept: ${ctx.dir}`);
    await serveUi(ctx);
  } else fs.rmSync(ctx.dir, { recursive: true, force: true });
  process.exitCode = ctx.failures ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

// npm run demo: the whole story on a throwaway repository. Two sessions work in parallel; hs refuses a
// destructive command and an out-of-scope commit (with and without --no-verify), applies one clean
// merge-back, blocks a conflicting one with its report, and proves the Flight Recorder's chain.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { finishWork, planWork, sessionForTask } from "./demo-work.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const hsBin = path.join(root, "bin", "hs");
const keep = process.argv.includes("--keep");
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-demo-")));
const repo = path.join(dir, "shop");
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("GIT_") && !key.startsWith("HS_"))),
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Demo",
  GIT_AUTHOR_EMAIL: "demo@example.com",
  GIT_COMMITTER_NAME: "Demo",
  GIT_COMMITTER_EMAIL: "demo@example.com",
};
const bold = (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
let failures = 0;

function show(title) {
  console.log(`\n${bold(`== ${title}`)}`);
}

/** Runs a command, prints it and its output, and checks the exit code the story expects. */
function run(cwd, command, args, expect = 0, extraEnv = {}) {
  const shown = [command === process.execPath ? "hs" : command, ...args.slice(command === process.execPath ? 1 : 0)]
    .map((a) => (/[\s'"*$]/.test(a) ? `'${a}'` : a))
    .join(" ");
  console.log(`${path.relative(dir, cwd) || "."}$ ${shown}`);
  const result = spawnSync(command, args, { cwd, env: { ...env, ...extraEnv }, encoding: "utf8" });
  const output = `${result.stdout}${result.stderr}`.trimEnd();
  if (output) console.log(output.replace(/^/gm, "    "));
  const ok = expect === "nonzero" ? result.status !== 0 : result.status === expect;
  console.log(`    -> exit ${result.status}${ok ? "" : `  (UNEXPECTED: wanted ${expect})`}`);
  if (!ok) failures += 1;
  return result;
}

const hs = (cwd, args, expect = 0, extraEnv) => run(cwd, process.execPath, [hsBin, ...args], expect, extraEnv);
const git = (cwd, args, expect = 0) => run(cwd, "git", args, expect);
const write = (file, text) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

show("A small repository");
fs.mkdirSync(repo);
git(repo, ["init", "-q", "-b", "main"]);
write(path.join(repo, "src/cart.js"), "export const total = (items) => items.reduce((a, b) => a + b, 0);\n");
write(path.join(repo, "src/checkout.js"), "export const checkout = () => 'ok';\n");
write(path.join(repo, "docs/README.md"), "# Shop\n");
write(path.join(repo, "config/prices.json"), '{ "tax": 0.2 }\n');
git(repo, ["add", "-A"]);
git(repo, ["commit", "-q", "-m", "initial shop"]);

show("hs init: registry, policy file, hooks");
hs(repo, ["init"]);

planWork({ hs, repo, show });

show("Two sessions in parallel, each in its own worktree with its task's scope");
hs(repo, sessionForTask("cart", "MT-001", "claude-code"));
hs(repo, sessionForTask("pay", "MT-002", "codex"));
hs(repo, ["session", "list"]);
const cart = path.join(dir, "shop.hs", "cart");
const pay = path.join(dir, "shop.hs", "pay");

show("The agents work: in-scope commits go through");
write(path.join(cart, "src/cart.js"), "export const total = (items) => items.reduce((a, b) => a + b.price * b.qty, 0);\n");
write(path.join(cart, "docs/README.md"), "# Shop\n\nCart totals use price x qty.\n");
git(cart, ["commit", "-q", "-am", "cart: price x qty"]);
write(path.join(pay, "src/checkout.js"), "export const checkout = (cart) => (cart.length ? 'ok' : 'empty');\n");
write(path.join(pay, "docs/README.md"), "# Shop\n\nCheckout refuses empty carts.\n");

show("An out-of-scope commit is refused (pay may not touch docs/)");
git(pay, ["add", "-A"]);
git(pay, ["commit", "-m", "checkout + docs"], "nonzero");
show("... and --no-verify does not get around it (reference-transaction still runs)");
git(pay, ["commit", "--no-verify", "-m", "checkout + docs"], "nonzero");
git(pay, ["restore", "--staged", "docs/README.md"]);
git(pay, ["checkout", "--", "docs/README.md"]);
git(pay, ["commit", "-q", "-m", "checkout: refuse empty carts"]);

show("Destructive commands go through the session's Tool Gate (the shim in front of git and rm)");
const gated = (cwd, line, expect) => run(cwd, "sh", ["-c", `eval "$(${process.execPath} ${hsBin} session env cart)" && ${line}`], expect, { HS_APPROVAL_TIMEOUT_SECONDS: "60" });
gated(cart, "rm -rf ../pay", 77);
console.log(`    ../pay still there: ${fs.existsSync(path.join(pay, "src/checkout.js"))}`);
gated(cart, "git commit --allow-empty -q -m 'in scope: allowed untouched'", 0);
hs(cart, ["check", "--", "git", "push", "origin", "+main"], 77);

show("An agent asks for git reset --hard; the operator denies it with a reason the agent reads");
const notes = "# Shop\n\nCart totals use price x qty.\n\nUncommitted notes a reset would destroy.\n";
write(path.join(cart, "docs/README.md"), notes);
const waiting = spawn("sh", ["-c", `eval "$(${process.execPath} ${hsBin} session env cart)" && git reset --hard HEAD~1`], { cwd: cart, env: { ...env, HS_APPROVAL_TIMEOUT_SECONDS: "60" } });
let agentOutput = "";
waiting.stderr.on("data", (chunk) => (agentOutput += chunk));
const requestId = await waitForRequest();
hs(repo, ["approvals"]);
hs(repo, ["deny", requestId, "--reason", "commit or stash your notes first"]);
const agentExit = await new Promise((resolve) => waiting.on("close", resolve));
console.log(`cart (agent's terminal):\n${agentOutput.trimEnd().replace(/^/gm, "    ")}\n    -> exit ${agentExit}`);
if (agentExit !== 77) failures += 1;
console.log(`    uncommitted notes still there: ${fs.readFileSync(path.join(cart, "docs/README.md"), "utf8") === notes}`);
git(cart, ["commit", "-q", "-am", "docs: notes"]);

show("Meanwhile main moves: someone edits the same line cart changed");
write(path.join(repo, "src/cart.js"), "export const total = (items) => items.reduce((a, b) => a + b.amount, 0);\n");
git(repo, ["commit", "-q", "-am", "main: amounts"]);

show("The conflict radar sees it coming");
hs(repo, ["conflicts"]);

show("pay hands back cleanly: dry run, then apply");
hs(repo, ["merge-back", "pay"]);
hs(repo, ["merge-back", "pay", "--apply"]);
git(repo, ["log", "--oneline", "-3"]);

show("cart conflicts with main: blocked, with a report, nothing resolved silently");
const blocked = hs(repo, ["merge-back", "cart", "--json"], 3);
try {
  const report = JSON.parse(blocked.stdout);
  const md = report.report;
  if (md && fs.existsSync(md)) console.log(fs.readFileSync(md, "utf8").replace(/^/gm, "    | "));
} catch {
  console.log("    (no JSON report)");
}
hs(repo, ["session", "list"]);

async function waitForRequest() {
  for (let i = 0; i < 200; i += 1) {
    const listed = spawnSync(process.execPath, [hsBin, "approvals", "--json"], { cwd: repo, env, encoding: "utf8" });
    const pending = listed.status === 0 ? JSON.parse(listed.stdout) : [];
    if (pending.length) return pending[0].id;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error("no approval request appeared");
}

finishWork({ hs, repo, show, hsBin, env });

show("The Flight Recorder: every step above, hash-chained");
hs(repo, ["log", "--limit", "400"]);
hs(repo, ["log", "verify"]);

console.log(`\n${failures ? bold(`demo finished with ${failures} unexpected result(s)`) : bold("demo finished: every step behaved as described")}`);
if (keep) console.log(`kept: ${dir}`);
else fs.rmSync(dir, { recursive: true, force: true });
process.exitCode = failures ? 1 : 0;

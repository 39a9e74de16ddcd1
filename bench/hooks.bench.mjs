// Hook cost as added time against the same `git commit` with hooks off, in the same run (issue 15 budgets):
//   in a session worktree, scope src/** and src/**/*.ts — git's pathspecs decide, no Node;
//   scope src/**/*.{ts,tsx} (braces: no pathspec) — inside the sandbox the warm session host decides,
//     with no host (a plain worktree shell) the full Node check runs in pre-commit and reference-transaction;
//   the operator's own commit in the main checkout, no session involved.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { note, report, run, sized, BENCH_ENV } from "./lib.mjs";
import { commitCost } from "./hooks-commit.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const HS = path.join(root, "bin", "hs");
const env = { ...BENCH_ENV, GIT_AUTHOR_EMAIL: "b@b", GIT_COMMITTER_EMAIL: "b@b" };
const git = (cwd, args) => run("git", args, { cwd, env });
const BRACES = "src/**/*.{ts,tsx}";

function setup() {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-bench-hooks-")));
  const repo = path.join(dir, "repo");
  fs.mkdirSync(path.join(repo, "src"), { recursive: true });
  git(dir, ["init", "-q", "-b", "main", repo]);
  git(repo, ["config", "gc.auto", "0"]);
  fs.writeFileSync(path.join(repo, "README.md"), "bench\n");
  fs.writeFileSync(path.join(repo, "src", "seed.ts"), "seed\n");
  git(repo, ["add", "-A"]);
  git(repo, ["commit", "-q", "-m", "seed"]);
  run(process.execPath, [HS, "init"], { cwd: repo, env });
  const create = (id, scope) => JSON.parse(run(process.execPath, [HS, "session", "create", "--id", id, "--scope", scope, "--json"], { cwd: repo, env }).stdout).worktree;
  const out = { dir, repo, wt: create("bench", "src/**"), wtGlob: create("benchglob", "src/**/*.ts"), wtNoHost: create("benchnohost", BRACES) };
  // benchbraces commits inside the sandbox: its commits stay in its private object store, so no outside git there
  create("benchbraces", BRACES);
  return out;
}

/** The same timing inside `hs session run` (bubblewrap, shim, warm host), with /usr/bin/git on both sides. */
function insideCost(repo, id, files, rounds, prefix) {
  const script = path.join(root, "bench", "hooks-commit.mjs");
  const result = run(process.execPath, [HS, "session", "run", id, "--", process.execPath, script, String(files), String(rounds), prefix], { cwd: repo, env });
  return JSON.parse(result.stdout.trim().split("\n").pop());
}

function both(name, cost, budget, addedBudgetMs) {
  report({ name: `${name} (wall)`, ...cost.wall, budget, addedBudgetMs, budgetMs: addedBudgetMs });
  report({ name: `${name} (cpu: user+sys incl. hooks)`, ...cost.cpu, budget, addedBudgetMs, budgetMs: addedBudgetMs });
}

export default async function hooksBench() {
  const { dir, repo, wt, wtGlob, wtNoHost } = setup();
  const ten = "<= 100 ms of hook time (issue 15)";
  const tenK = "<= 400 ms of hook time (issue 15)";
  try {
    const load = fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
    note(`hooks: load average at start ${load} on ${os.cpus().length} CPUs`);
    both("hooks: 10-file commit in a session worktree, scope src/** (pathspecs)", commitCost(wt, 10, sized(7, 2), "src/b10", { env }), ten, 100);
    both("hooks: 10,000-file commit in a session worktree, scope src/** (pathspecs)", commitCost(wt, sized(10_000, 300), sized(2, 1), "src/b10k", { env }), tenK, 400);
    both("hooks: 10-file commit, scope src/**/*.ts (pathspecs)", commitCost(wtGlob, 10, sized(7, 2), "src/g10", { env }), ten, 100);
    both("hooks: 10,000-file commit, scope src/**/*.ts (pathspecs)", commitCost(wtGlob, sized(10_000, 300), sized(2, 1), "src/g10k", { env }), tenK, 400);
    both(`hooks: 10-file commit in the sandbox, scope ${BRACES} (warm session host)`, insideCost(repo, "benchbraces", 10, sized(7, 2), "src/s10"), ten, 100);
    both(`hooks: 10,000-file commit in the sandbox, scope ${BRACES} (warm session host)`, insideCost(repo, "benchbraces", sized(10_000, 300), sized(2, 1), "src/s10k"), tenK, 400);
    both(`hooks: 10-file commit, scope ${BRACES}, no host (full Node check per hook)`, commitCost(wtNoHost, 10, sized(3, 1), "src/n10", { env }), ten, 100);
    both("hooks: 10-file commit outside any session (the operator's own commit)", commitCost(repo, 10, sized(9, 2), "src/out", { env }), "<= 5 ms total (issue 15)", 5);
    // the floor: git starts a process for each of the 7 hooks a commit runs (pre-commit, prepare-commit-msg,
    // commit-msg, reference-transaction x2, post-index-change, post-commit) whatever the process does
    const empty = path.join(dir, "empty-hooks");
    fs.mkdirSync(empty);
    for (const name of fs.readdirSync(path.join(repo, ".git", "hs", "hooks"))) fs.writeFileSync(path.join(empty, name), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
    both("hooks: the operator's own commit, hs hooks vs the same hook names as empty sh scripts", commitCost(repo, 10, sized(9, 2), "src/out", { env, rawHooksPath: empty }), "hs's own work in them");
    note("hooks: outside a session each hs hook is one sh that tests two files and one variable, then runs the chained hook if there is one");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Hook cost inside a session worktree (pre-commit + reference-transaction, both start Node) and outside
// any session (sh fast path), as added time against the same `git commit` with hooks off, in the same run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median, report, note, run, sized } from "./lib.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const HS = path.join(root, "bin", "hs");
const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GIT_") && !k.startsWith("HS_"))),
  GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "b", GIT_AUTHOR_EMAIL: "b@b", GIT_COMMITTER_NAME: "b", GIT_COMMITTER_EMAIL: "b@b" };
const git = (cwd, args) => run("git", args, { cwd, env });

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
  // "src/**" is a plain path glob (git pathspecs clear in-scope commits without Node);
  // "src/**/*.ts" is not, so every commit there takes the full Node check
  return { dir, repo, wt: create("bench", "src/**"), wtGlob: create("benchglob", "src/**/*.ts") };
}

/**
 * Times `git commit` of `files` changed files, alternating hooks on (hs) and hooks off (raw).
 * Wall time plus CPU time (user+sys of git and every hook it waited for, via /usr/bin/time): on a
 * loaded machine wall time mostly measures the queue, CPU time what the hooks cost.
 */
function commitCost(cwd, files, rounds, prefix) {
  const hsTimes = [];
  const rawTimes = [];
  const hsCpu = [];
  const rawCpu = [];
  for (let round = 0; round < rounds * 2; round += 1) {
    const raw = round % 2 === 1;
    for (let i = 0; i < files; i += 1) {
      const file = path.join(cwd, prefix, `f${Math.floor(i / 1000)}`, `file${i}.ts`);
      if (i % 1000 === 0) fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `export const v = ${round};\n`);
    }
    git(cwd, ["add", "-A", prefix]);
    const args = [...(raw ? ["-c", "core.hooksPath=/dev/null"] : []), "commit", "-q", "-m", `round ${round}`];
    const start = performance.now();
    const timed = run("/usr/bin/time", ["-f", "%U %S", "git", ...args], { cwd, env });
    (raw ? rawTimes : hsTimes).push(performance.now() - start);
    const [user, sys] = timed.stderr.trim().split("\n").pop().split(" ").map(Number);
    (raw ? rawCpu : hsCpu).push((user + sys) * 1000);
  }
  return { wall: { hsMs: median(hsTimes), gitMs: median(rawTimes) }, cpu: { hsMs: median(hsCpu), gitMs: median(rawCpu) } };
}

function both(name, cost, budget, addedBudgetMs) {
  report({ name: `${name} (wall)`, ...cost.wall, budget, addedBudgetMs });
  report({ name: `${name} (cpu: user+sys incl. hooks)`, ...cost.cpu, budget, addedBudgetMs });
}

export default async function hooksBench() {
  const { dir, repo, wt, wtGlob } = setup();
  try {
    const load = fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
    note(`hooks: load average at start ${load} on ${os.cpus().length} CPUs`);
    both("hooks: 10-file commit in a session worktree", commitCost(wt, 10, sized(15, 3), "src/b10"), "<= 150 ms of hook time", 150);
    both("hooks: 10,000-file commit in a session worktree", commitCost(wt, sized(10_000, 300), sized(3, 1), "src/b10k"), "<= 500 ms of hook time", 500);
    both("hooks: 10-file commit, full Node check (scope src/**/*.ts)", commitCost(wtGlob, 10, sized(9, 3), "src/g10"), "<= 150 ms of hook time", 150);
    both("hooks: 10,000-file commit, full Node check (scope src/**/*.ts)", commitCost(wtGlob, sized(10_000, 300), sized(3, 1), "src/g10k"), "<= 500 ms of hook time", 500);
    both("hooks: 10-file commit outside any session (sh fast path)", commitCost(repo, 10, sized(15, 3), "src/out"), "little: no Node");
    note("hooks: hs hook scripts for every git hook name are installed; outside a session each costs one sh start plus two stat calls");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

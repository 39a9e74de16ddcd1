// Tool Gate shim overhead, as ratios against the real binaries measured in the same run (calls interleaved):
//   git status  — the no-Node fast path (budget: <= 1 ms added per call, median; issue 15), taken by the compiled
//                 front end when the build had a C compiler; the sh shim's own fast path is measured beside it
//   rm -f FILE  — an in-scope regular file: the rm shim's no-Node path (scope checked in the front end, or in sh)
//   git add FILE — a decision that needs analysis, in a plain `eval "$(hs session env ID)"` shell (no session
//                 host): the shim's C client asks the session's gate daemon (src/shim/gate-daemon.ts, started on
//                 demand by the first call), which decides and checkpoints as the host does; budget <= 15 ms added.
//                 With SHIM_BENCH_NODE=1 also the old path, one `hs __gate` Node start per call, for comparison.
// SHIM_BENCH_N (default 500) sets the calls of the first two, SHIM_BENCH_SLOW_N (default 50) the third.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { BENCH_ENV, HS, benchSession, median, note, report, run } from "./lib.mjs";

const N = Number(process.env.SHIM_BENCH_N ?? 500);
const SLOW_N = Number(process.env.SHIM_BENCH_SLOW_N ?? 50);

function setup() {
  return benchSession("hs-bench-shim-");
}

/**
 * Interleaves the commands call by call, in a rotating order, so machine load hits all alike; returns the median
 * per-call ms of each (`raw`, `shim`, and `sh` when given).
 */
function interleaved(times, before, raw, shim, sh) {
  const fns = Object.entries({ raw, shim, sh }).filter(([, fn]) => fn);
  const ms = Object.fromEntries(fns.map(([key]) => [key, []]));
  for (let i = 0; i < times; i += 1) {
    for (let k = 0; k < fns.length; k += 1) {
      const [key, fn] = fns[(i + k) % fns.length];
      before(i);
      const start = performance.now();
      const result = fn(i);
      ms[key].push(performance.now() - start);
      if (result.status !== 0) throw new Error(`bench call failed (${result.status}): ${result.stderr}`);
    }
  }
  return Object.fromEntries(Object.entries(ms).map(([key, values]) => [key, median(values)]));
}

export default async function main() {
  const { dir, worktree, bin } = setup();
  try {
    const options = { cwd: worktree, env: BENCH_ENV, encoding: "utf8" };
    const realGit = JSON.parse(fs.readFileSync(path.join(bin, "..", "shim.json"), "utf8")).real.git;
    const realRm = JSON.parse(fs.readFileSync(path.join(bin, "..", "shim.json"), "utf8")).real.rm;
    // With the compiled front end (issue 15) bin/git is C and the sh shim it hands other calls to is bin/.git.sh:
    // the sh shim's own fast path is measured beside it, in the same run, as the reference.
    const frontEnd = JSON.parse(fs.readFileSync(path.join(bin, "..", "shim.json"), "utf8")).front_end ?? { git: "sh", rm: "sh" };
    const shGit = frontEnd.git === "compiled" ? () => spawnSync(path.join(bin, ".git.sh"), ["status", "--short"], options) : undefined;
    note(`shim front end: git ${frontEnd.git}, rm ${frontEnd.rm}`);
    const status = interleaved(N, () => {}, () => spawnSync(realGit, ["status", "--short"], options), () => spawnSync(path.join(bin, "git"), ["status", "--short"], options), shGit);
    report({ name: `shim git status (fast path, ${N} calls, median per call)`, hsMs: status.shim, gitMs: status.raw, budget: "<= 1 ms added (no Node)", addedBudgetMs: 1 });
    if (shGit) report({ name: `sh shim git status (bin/.git.sh fast path, reference; ${N} calls, median per call)`, hsMs: status.sh, gitMs: status.raw, budget: "reference" });
    const file = (i) => path.join(worktree, "src", `tmp-${i}.ts`);
    const rm = interleaved(
      N,
      (i) => fs.writeFileSync(file(i), "x\n"),
      (i) => spawnSync(realRm, ["-f", file(i)], options),
      (i) => spawnSync(path.join(bin, "rm"), ["-f", path.relative(worktree, file(i))], options),
      frontEnd.rm === "compiled" ? (i) => spawnSync(path.join(bin, ".rm.sh"), ["-f", path.relative(worktree, file(i))], options) : undefined,
    );
    report({ name: `shim rm -f in-scope file (no-Node path, ${N} calls, median per call)`, hsMs: rm.shim, gitMs: rm.raw, budget: "<= 1 ms added (no Node)", addedBudgetMs: 1 });
    if (rm.sh !== undefined) report({ name: `sh shim rm -f in-scope file (bin/.rm.sh no-Node path, reference; ${N} calls, median per call)`, hsMs: rm.sh, gitMs: rm.raw, budget: "reference" });
    // The first gated call starts the session's gate daemon; the figure is the warm path every later call takes.
    fs.writeFileSync(path.join(worktree, "src", "f0.ts"), "export const warm = 1;\n");
    spawnSync(path.join(bin, "git"), ["add", "src/f0.ts"], options);
    const add = interleaved(
      SLOW_N,
      (i) => fs.writeFileSync(path.join(worktree, "src", `f${i % 200}.ts`), `export const changed = ${i};\n`),
      (i) => spawnSync(realGit, ["add", `src/f${i % 200}.ts`], options),
      (i) => spawnSync(path.join(bin, "git"), ["add", `src/f${i % 200}.ts`], options),
    );
    report({ name: `no-host gated git add (shim -> C client -> gate daemon, checkpoint included; ${SLOW_N} calls, median per call)`, hsMs: add.shim, gitMs: add.raw, budget: "<= 15 ms added, no Node start per call", addedBudgetMs: 15, budgetMs: 15 });
    if (process.env.SHIM_BENCH_NODE === "1") {
      const perCall = interleaved(
        Math.min(SLOW_N, 20),
        (i) => fs.writeFileSync(path.join(worktree, "src", `f${i % 200}.ts`), `export const node = ${i};\n`),
        (i) => spawnSync(realGit, ["add", `src/f${i % 200}.ts`], options),
        (i) => spawnSync(process.execPath, [HS, "__gate", "git", "--session", "bench", "--workspace", path.join(path.dirname(bin), "..", ".."), "--", "add", `src/f${i % 200}.ts`], options),
      );
      report({ name: "no-host gated git add decided by one `hs __gate` Node start per call (the old path; decision only)", hsMs: perCall.shim, gitMs: perCall.raw, budget: "reference" });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

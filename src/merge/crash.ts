// Test seams for apply, inert unless their env vars are set:
//   HS_TEST_CRASH_AT=<step>   the process SIGKILLs itself at that step (proves every interruption leaves the target
//                             at its old or its new commit).
//   HS_TEST_BARRIER=<dir> with HS_TEST_BARRIER_AT=<step>   at that step, write <dir>/<pid>.ready and wait (up to 20 s)
//                             until <dir>/go exists (lines two racing applies up on the compare-and-swap).
import fs from "node:fs";
import path from "node:path";

export const APPLY_STEPS = ["before-commit-tree", "after-commit-tree", "before-move", "before-update-ref", "after-update-ref", "after-record"] as const;
export type ApplyStep = (typeof APPLY_STEPS)[number];

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function crashPoint(step: ApplyStep): void {
  const barrier = process.env.HS_TEST_BARRIER;
  if (barrier && process.env.HS_TEST_BARRIER_AT === step) {
    fs.writeFileSync(path.join(barrier, `${process.pid}.ready`), step);
    for (let waited = 0; waited < 20_000 && !fs.existsSync(path.join(barrier, "go")); waited += 10) sleep(10);
  }
  if (process.env.HS_TEST_CRASH_AT === step) process.kill(process.pid, "SIGKILL");
}

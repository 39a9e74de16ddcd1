// Test seam: HS_TEST_CRASH_AT=<step> makes the process SIGKILL itself at that step of apply, so tests can prove
// that every interruption leaves the target at its old or its new commit. Steps: APPLY_STEPS. No effect when unset.
export const APPLY_STEPS = ["before-commit-tree", "after-commit-tree", "before-update-ref", "after-update-ref", "after-record"] as const;
export type ApplyStep = (typeof APPLY_STEPS)[number];

export function crashPoint(step: ApplyStep): void {
  if (process.env.HS_TEST_CRASH_AT === step) process.kill(process.pid, "SIGKILL");
}

// The merge-back result as a plain object (for --json) and as lines for a person.
import type { Applied } from "./apply.ts";
import type { Strategy } from "./plan.ts";
import { CONFLICTS_MD } from "./artifact.ts";
import path from "node:path";

export interface MergeBackSummary {
  session: string;
  status: string;
  exit_code: number;
  target_ref: string;
  target_oid: string;
  head: string;
  files: number;
  commits: number;
  artifact: string | null;
  report: string | null;
  violations: Array<{ code: string; path: string | null; message: string }>;
  conflicts: Array<{ path: string; kind: string }>;
  applied: Applied["applied"];
  moved_since_dry_run: Applied["movedSinceDryRun"];
  next: string;
}

export function summarize(outcome: Applied, options: { apply: boolean; strategy: Strategy }): MergeBackSummary {
  const { facts, plan, artifact } = outcome;
  const id = facts.session.id;
  const status = outcome.applied ? "applied" : plan.status === "violations" || plan.status === "conflicts" ? "blocked" : plan.status;
  const report = artifact?.conflicts ? path.join(artifact.dir, CONFLICTS_MD) : null;
  const next =
    status === "applied" ? `hs session close ${id}`
    : status === "blocked" ? (report ? `read ${report}; resolve in the session, commit, then: hs merge-back ${id}` : `fix the listed violations in the session, then: hs merge-back ${id}`)
    : status === "empty" ? `hs session close ${id}`
    : `hs merge-back ${id} --apply${options.strategy === "merge" ? "" : ` --strategy ${options.strategy}`}`;
  return {
    session: id,
    status,
    exit_code: plan.exitCode,
    target_ref: facts.targetRef,
    target_oid: facts.targetOid,
    head: facts.head,
    files: facts.files.length,
    commits: facts.commits.length,
    artifact: artifact?.dir ?? null,
    report,
    violations: facts.violations.map(({ code, path: file, message }) => ({ code, path: file, message })),
    conflicts: facts.conflicts.map(({ path: file, kind }) => ({ path: file, kind })),
    applied: outcome.applied,
    moved_since_dry_run: outcome.movedSinceDryRun,
    next,
  };
}

export function summaryLines(summary: MergeBackSummary): string[] {
  const short = (oid: string) => oid.slice(0, 12);
  const lines = [`merge-back ${summary.session} -> ${summary.target_ref} (${short(summary.target_oid)}): ${summary.status.toUpperCase()}, ${summary.commits} commit(s), ${summary.files} file(s)`];
  if (summary.moved_since_dry_run) lines.push(`  target moved since the last dry run (${short(summary.moved_since_dry_run.from)} -> ${short(summary.moved_since_dry_run.to)}); re-checked against the new target`);
  for (const violation of summary.violations) lines.push(`  ${violation.code}  ${violation.message}`);
  for (const conflict of summary.conflicts) lines.push(`  CONFLICT ${conflict.kind.padEnd(14)} ${conflict.path}`);
  if (summary.applied) lines.push(`  ${summary.target_ref}: ${short(summary.applied.old)} -> ${short(summary.applied.new)} (${summary.applied.strategy})${summary.applied.worktree ? `, checkout ${summary.applied.worktree} updated` : ""}`);
  if (summary.artifact) lines.push(`artifact: ${summary.artifact}`);
  if (summary.report) lines.push(`report:   ${summary.report}`);
  if (summary.status === "empty") lines.push("nothing to merge back: the session has no commits that the target lacks");
  lines.push(`next: ${summary.next}`);
  return lines;
}

// hs conflicts [--json] [--no-dirty]: the conflict radar. The everyday spellings are parsed without yargs and the
// workspace opens without zod when workspace.json is unchanged: both cost more than a warm radar itself.
import { quickParse, type QuickSpec } from "../quick-args.ts";
import { printJson, printLines } from "../output.ts";
import { openWorkspaceAsync } from "../../registry/workspace-open.ts";
import { conflictRadar, type RadarReport } from "../../merge/radar.ts";
import { displaySafe } from "../../display/escape.ts";
import { trace } from "../../trace.ts";

export const CONFLICTS_ARGS: QuickSpec = { positionals: 0, booleans: ["json", "no-dirty"] };

export async function run(argv: string[]): Promise<number | void> {
  const quick = quickParse(argv, CONFLICTS_ARGS);
  const args = quick ? { json: quick.json === true, dirty: quick["no-dirty"] !== true } : await parseWithYargs(argv);
  if (!args) return;
  trace("args parsed");
  const ws = await openWorkspaceAsync(process.cwd());
  trace("workspace open");
  try {
    const report = await conflictRadar(ws, { dirty: args.dirty });
    if (args.json) printJson(report);
    else printLines(lines(report));
  } finally {
    ws.close();
  }
}

/** yargs (loaded only for spellings quickParse leaves to it, and for --help). */
export async function parseWithYargs(argv: string[]): Promise<{ json: boolean; dirty: boolean } | undefined> {
  const { parser, parseArgs } = await import("../args.ts");
  const args = parseArgs(
    argv,
    parser(argv, "hs conflicts")
      .option("dirty", { type: "boolean", default: true, describe: "scan every worktree for uncommitted files (--no-dirty skips it)" })
      .option("json", { type: "boolean", default: false }),
  );
  return args && { json: args.json, dirty: args.dirty };
}

function lines(report: RadarReport): string[] {
  const out = [`${report.sessions.length} live session(s); ${report.stats.merge_trees} merge-tree run(s), ${report.stats.cached} cached, ${report.stats.skipped_disjoint} pair(s) with disjoint changes (${report.stats.duration_ms} ms)`];
  // Paths are written by sessions: shown with control characters escaped, never as terminal input.
  const list = (conflicts: Array<{ path: string; kind: string }>) => conflicts.map((conflict) => `${displaySafe(conflict.path)} (${conflict.kind})`).join(", ");
  const failed = (error: string) => `no prediction, git merge-tree failed: ${displaySafe(error)}`;
  for (const target of report.targets) {
    if (target.predicted_conflicts.length) out.push(`  ${target.session} vs ${target.target_ref}: ${list(target.predicted_conflicts)}`);
    if (target.merge_error) out.push(`  ${target.session} vs ${target.target_ref}: ${failed(target.merge_error)}`);
  }
  for (const pair of report.pairs) {
    if (pair.predicted_conflicts.length) out.push(`  ${pair.a} vs ${pair.b}: ${list(pair.predicted_conflicts)}`);
    if (pair.merge_error) out.push(`  ${pair.a} vs ${pair.b}: ${failed(pair.merge_error)}`);
    if (pair.scope_overlap) out.push(`  ${pair.a} / ${pair.b}: scopes overlap (${pair.scope_overlap.globs.join(" ~ ")}, e.g. ${pair.scope_overlap.example})`);
  }
  for (const dirty of report.dirty_overlaps) out.push(`  dirty in ${dirty.worktrees.join(", ")}: ${displaySafe(dirty.path)}`);
  if (out.length === 1) out.push("  no predicted conflicts, no overlapping scopes, no file dirty in two worktrees");
  const scanned = report.sessions.filter((session) => session.dirty_source === "status").map((session) => session.id);
  if (scanned.length) out.push(`  (dirty files of ${scanned.join(", ")} by git status: no live session host)`);
  return out;
}

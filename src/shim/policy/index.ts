// Public API of the Tool Gate policy engine: pure, table-driven, never throws.
// Rule ids are listed in RULES; hints may contain `{request}` (the runtime fills the approval id).
import { basename } from "node:path";
import { decide, finding } from "./decide.ts";
import { classifyGit } from "./git.ts";
import { classifyRm } from "./rm.ts";
import type { Decision, GateContext } from "./types.ts";

export type { Decision, GateContext, GateDecision, GateRepo, GateSession } from "./types.ts";
export { RULES, type Rule, type RuleId } from "./rules.ts";
export { FAST_PATH, type FastPath } from "./fast-path.ts";
export { fsExists, fsRealpathLongestPrefix } from "./realpath.ts";
export { DEFAULT_GOVERNANCE } from "../../scope/index.ts";

/** May throw on a bug; tests call it to prove it does not. Everyone else calls classify. */
export function classifyOrThrow(ctx: GateContext): Decision {
  const tool = basename(ctx.argv[0] ?? "");
  if (tool === "git") return classifyGit(ctx);
  if (tool === "rm") return classifyRm(ctx);
  return decide(ctx, [finding("git.subcommand.unvetted", undefined, `not a gated tool: ${tool}`)], "safe.read-only");
}

export function classify(ctx: GateContext): Decision {
  try {
    return classifyOrThrow(ctx);
  } catch (error) {
    // Fail closed: an engine bug must never turn into an allow.
    return decide(ctx, [finding("gate.error", undefined, error instanceof Error ? error.message : String(error))], "safe.read-only");
  }
}

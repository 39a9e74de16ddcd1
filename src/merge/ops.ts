// The merge-back verb: (ws, actor, input) -> result. Handing work back is the operator's decision.
// Closing and pruning live in close-ops.ts, so a merge-back loads none of their sandbox and checkpoint code.
import type { Workspace } from "../registry/workspace.ts";
import { getSession } from "../registry/sessions.ts";
import { authorize } from "../ops/guard.ts";
import type { Actor } from "../ops/actor.ts";
import { assertMayMoveBranch } from "../ops/protected.ts";
import { shQuote } from "../shim/shell-quote.ts";
import type { Applied } from "./apply.ts";
import { prepareMergeBack } from "./prepare.ts";
import { targetRefOf } from "./collect.ts";
import type { Strategy } from "./plan.ts";

export interface MergeBackInput {
  id: string;
  into?: string;
  strategy: Strategy;
  apply: boolean;
}

/**
 * The dry run writes the artifact and may block the session; --apply moves the target. Both are the operator's.
 * The apply code (checkouts, approvals, landing checks) is loaded only for --apply: a dry run is a hot path.
 */
export async function mergeBackOp(ws: Workspace, actor: Actor, input: MergeBackInput): Promise<Applied> {
  const verb = ["merge-back", shQuote(input.id), ...(input.into ? ["--into", shQuote(input.into)] : []), ...(input.apply ? ["--apply", "--strategy", input.strategy] : [])].join(" ");
  authorize(ws, actor, verb, { who: "operator" });
  if (!input.apply) return { ...prepareMergeBack(ws, input.id, { into: input.into }), applied: null, movedSinceDryRun: null };
  assertMayMoveBranch(ws, actor, targetRefOf(getSession(ws, input.id), input.into), verb);
  const { applyMergeBack } = await import("./apply.ts");
  return applyMergeBack(ws, input.id, { into: input.into, strategy: input.strategy });
}

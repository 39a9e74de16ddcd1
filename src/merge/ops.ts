// The merge-back verbs: (ws, actor, input) -> result. Handing work back and removing what it leaves are
// operator decisions; a session may only close its own finished descendants (and never discard).
import type { Workspace } from "../registry/workspace.ts";
import { getSession } from "../registry/sessions.ts";
import { authorize } from "../ops/guard.ts";
import type { Actor } from "../ops/actor.ts";
import { assertMayMoveBranch } from "../ops/protected.ts";
import { shQuote } from "../shim/shell-quote.ts";
import { applyMergeBack, type Applied } from "./apply.ts";
import { prepareMergeBack } from "./prepare.ts";
import { closeSession, type CloseResult } from "./close.ts";
import { prune, type PruneReport } from "./prune.ts";
import { targetRefOf } from "./collect.ts";
import type { Strategy } from "./plan.ts";

export interface MergeBackInput {
  id: string;
  into?: string;
  strategy: Strategy;
  apply: boolean;
}

/** The dry run writes the artifact and may block the session; --apply moves the target. Both are the operator's. */
export function mergeBackOp(ws: Workspace, actor: Actor, input: MergeBackInput): Applied {
  const verb = ["merge-back", shQuote(input.id), ...(input.into ? ["--into", shQuote(input.into)] : []), ...(input.apply ? ["--apply", "--strategy", input.strategy] : [])].join(" ");
  authorize(ws, actor, verb, { who: "operator" });
  if (!input.apply) return { ...prepareMergeBack(ws, input.id, { into: input.into }), applied: null, movedSinceDryRun: null };
  assertMayMoveBranch(ws, actor, targetRefOf(getSession(ws, input.id), input.into), verb);
  return applyMergeBack(ws, input.id, { into: input.into, strategy: input.strategy });
}

export function closeSessionOp(ws: Workspace, actor: Actor, input: { id: string; discard: boolean; reason?: string; noHandoff?: boolean }): CloseResult {
  const verb = `session close ${shQuote(input.id)}${input.discard ? ` --discard --reason ${shQuote(input.reason ?? "why")}` : ""}`;
  authorize(ws, actor, verb, input.discard ? { who: "operator" } : { who: "session-tree", session: input.id });
  return closeSession(ws, input.id, { discard: input.discard, reason: input.reason, noHandoff: input.noHandoff, actor });
}

/** Listing is a read; --remove deletes worktrees and branches (through the close guards) and is the operator's. */
export function pruneOp(ws: Workspace, actor: Actor, input: { remove: boolean; target: string }): PruneReport {
  if (input.remove) authorize(ws, actor, "prune --remove", { who: "operator" });
  return prune(ws, { ...input, actor });
}

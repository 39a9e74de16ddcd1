// The verbs that end a session's life: closing it (keeping or discarding its work) and pruning what merged.
// Discarding and removing are operator decisions; a session may only close its own finished descendants.
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import type { Actor } from "../ops/actor.ts";
import { shQuote } from "../shim/shell-quote.ts";
import { closeSession, type CloseResult } from "./close.ts";
import { prune, type PruneReport } from "./prune.ts";

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

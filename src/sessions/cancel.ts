// Cancel: sticky, cascades depth-first to every live descendant, releases locks, ends session processes.
// The access check is the caller's operation (sessions/ops.ts cancelSessionOp).
import type { Workspace } from "../registry/workspace.ts";
import type { Actor } from "../registry/event-types.ts";
import { childrenOf, getSession, isLive, transitionSession, type SessionRecord } from "../registry/sessions.ts";
import { terminateSessionProcesses } from "../sandbox/lifecycle.ts";
import { releaseSessionLocks } from "./locks.ts";
import { takeCheckpoint } from "../checkpoints/index.ts";
import { SYSTEM } from "../ops/actor.ts";

export function liveDescendants(ws: Workspace, id: string): SessionRecord[] {
  const out: SessionRecord[] = [];
  for (const child of childrenOf(ws, id)) {
    out.push(...liveDescendants(ws, child.id));
    if (isLive(child.state)) out.push(child);
  }
  return out;
}

export interface CancelResult {
  cancelled: string[];
}

export async function cancelSession(ws: Workspace, id: string, reason: string, actor: Actor = "human"): Promise<CancelResult> {
  const root = getSession(ws, id);
  // Descendants first, so no child outlives its parent even for a moment.
  const targets = [...liveDescendants(ws, id), ...(isLive(root.state) ? [root] : [])];
  if (!isLive(root.state)) transitionSession(ws, id, "cancelled", reason, actor); // throws HS-SESSION-TERMINAL with a hint
  const cancelled: string[] = [];
  for (const session of targets) {
    takeCheckpoint(ws, SYSTEM, { sessionId: session.id, trigger: "cancel" });
    await terminateSessionProcesses(ws, session);
    transitionSession(ws, session.id, "cancelled", session.id === id ? reason : `cascade from ${id}: ${reason}`, actor);
    releaseSessionLocks(ws, session, `session cancelled: ${reason}`);
    cancelled.push(session.id);
  }
  if (targets.length > 1) {
    ws.record({ type: "session.cascade_cancel", actor, session_id: id, payload: { root_session_id: id, cancelled_session_ids: cancelled, reason } });
  }
  return { cancelled };
}

// Cancel: sticky, cascades depth-first to every live descendant, releases locks, ends session processes.
import type { Workspace } from "../registry/workspace.ts";
import { childrenOf, getSession, isLive, transitionSession, type SessionRecord } from "../registry/sessions.ts";
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

export async function cancelSession(ws: Workspace, id: string, reason: string): Promise<CancelResult> {
  const root = getSession(ws, id);
  // Descendants first, so no child outlives its parent even for a moment.
  const targets = [...liveDescendants(ws, id), ...(isLive(root.state) ? [root] : [])];
  if (!isLive(root.state)) transitionSession(ws, id, "cancelled", reason, "human"); // throws HS-SESSION-TERMINAL with a hint
  const terminate = await loadTerminator();
  const cancelled: string[] = [];
  for (const session of targets) {
    takeCheckpoint(ws, SYSTEM, { sessionId: session.id, trigger: "cancel" });
    if (terminate) await terminate(ws, session);
    transitionSession(ws, session.id, "cancelled", session.id === id ? reason : `cascade from ${id}: ${reason}`, "human");
    releaseSessionLocks(ws, session, `session cancelled: ${reason}`);
    cancelled.push(session.id);
  }
  if (targets.length > 1) {
    ws.record({ type: "session.cascade_cancel", actor: "human", session_id: id, payload: { root_session_id: id, cancelled_session_ids: cancelled, reason } });
  }
  return { cancelled };
}

type Terminator = (ws: Workspace, session: SessionRecord) => Promise<void>;

async function loadTerminator(): Promise<Terminator | undefined> {
  try {
    const lifecycle = (await import("../sandbox/lifecycle.ts")) as { terminateSessionProcesses?: Terminator };
    return lifecycle.terminateSessionProcesses;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND") return undefined;
    throw error;
  }
}

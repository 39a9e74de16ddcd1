// A session is `blocked` exactly while some process waits on one of its pending requests. A request nobody
// waits on (the agent's tool timed out, Ctrl-C, SIGKILL) leaves the session free to work.
import type { Workspace } from "../../registry/workspace.ts";
import { findSession, transitionSession } from "../../registry/sessions.ts";
import { listRequests } from "./requests.ts";
import { liveWaiters } from "./waiters.ts";

const AWAITING = "awaiting approval";

export function syncBlocked(ws: Workspace, sessionId: string): void {
  const session = findSession(ws, sessionId);
  if (!session) return;
  const pending = listRequests(ws.db, { sessionId }).map((request) => request.id);
  const waiting = pending.length ? [...liveWaiters(ws.db, pending).keys()] : [];
  try {
    if (waiting.length && (session.state === "active" || session.state === "created")) {
      transitionSession(ws, sessionId, "blocked", `${AWAITING} ${waiting.join(", ")}`, "system");
    } else if (!waiting.length && session.state === "blocked" && session.stateReason?.startsWith(AWAITING)) {
      // Without a host the session never ran as `active` (crash recovery would pause an active one with no host).
      transitionSession(ws, sessionId, session.hostPid !== null ? "active" : "created", "nobody waits on an approval any more", "system");
    }
  } catch {
    // a terminal state reached meanwhile is final; nothing to change
  }
}

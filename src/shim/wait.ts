// Waiting for the operator: the session shows `blocked` while its command waits, the inbox is polled
// every ~200 ms, and the wait ends in exactly one of approved / denied / expired / withdrawn (Ctrl-C).
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord, SessionState } from "../registry/sessions.ts";
import { findSession, transitionSession } from "../registry/sessions.ts";
import { closeRequest, consumeApproval, getRequest, listRequests } from "./approvals/requests.ts";
import type { ApprovalRequest } from "./approvals/types.ts";

export type WaitResult = { status: "approved" | "denied" | "expired" | "withdrawn"; request: ApprovalRequest; signal?: NodeJS.Signals };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function block(ws: Workspace, session: SessionRecord, requestId: string): SessionState | undefined {
  const current = findSession(ws, session.id);
  if (!current) return undefined;
  try {
    transitionSession(ws, session.id, "blocked", `awaiting approval ${requestId}`, "system");
    return current.state;
  } catch {
    return undefined;
  }
}

function unblock(ws: Workspace, sessionId: string, previous: SessionState | undefined, why: string): void {
  const current = findSession(ws, sessionId);
  if (!current || current.state !== "blocked" || listRequests(ws.db, { sessionId }).length > 0) return;
  try {
    transitionSession(ws, sessionId, previous && previous !== "blocked" ? previous : "active", why, "system");
  } catch {
    // a terminal state reached meanwhile is final; nothing to restore
  }
}

export function recordExpired(ws: Workspace, request: ApprovalRequest, status: "expired" | "withdrawn", reason: string): void {
  ws.record({
    type: "approval.expired",
    actor: "system",
    session_id: request.sessionId,
    wp_id: request.wp,
    mt_id: request.mt,
    payload: { request_id: request.id, rule: request.rule, status, reason },
  });
}

/** Records SIGINT/SIGTERM/SIGHUP from now on instead of dying, so a waiting request is withdrawn, not orphaned. */
export function watchSignals(): { signal(): NodeJS.Signals | undefined; stop(): void } {
  let received: NodeJS.Signals | undefined;
  const onSignal = (name: NodeJS.Signals) => {
    received ??= name;
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const name of signals) process.on(name, onSignal);
  return { signal: () => received, stop: () => signals.forEach((name) => process.off(name, onSignal)) };
}

export async function waitForDecision(
  ws: Workspace,
  session: SessionRecord,
  request: ApprovalRequest,
  options: { pollMs?: number; interrupted?: () => NodeJS.Signals | undefined } = {},
): Promise<WaitResult> {
  const previous = block(ws, session, request.id);
  const own = options.interrupted ? undefined : watchSignals();
  const interrupted = options.interrupted ?? own!.signal;
  try {
    for (;;) {
      const signal = interrupted();
      const current = getRequest(ws.db, request.id);
      if (!current) return { status: "withdrawn", request, signal };
      const overdue = Date.now() >= Date.parse(current.expiresAt);
      if (current.status === "pending" && (signal || overdue)) {
        const status = signal ? "withdrawn" : "expired";
        const reason = signal ? `the waiting command was interrupted (${signal})` : "no decision before the deadline";
        // Lost the race against a decision made at this very moment: look again.
        if (!closeRequest(ws.db, request.id, status, reason)) continue;
        recordExpired(ws, current, status, reason);
        return { status, request: getRequest(ws.db, request.id) ?? current, signal };
      }
      // Interrupted after an approval: the command is not run (the approval stays unconsumed).
      if (signal) return { status: "withdrawn", request: current, signal };
      if (current.status === "approved") {
        return consumeApproval(ws.db, request.id) ? { status: "approved", request: current } : { status: "withdrawn", request: current };
      }
      if (current.status !== "pending") return { status: current.status, request: current };
      await sleep(options.pollMs ?? 200);
    }
  } finally {
    own?.stop();
    unblock(ws, session.id, previous, `approval ${request.id} settled`);
  }
}

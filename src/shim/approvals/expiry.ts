// Requests whose lifetime (approvals.timeout_seconds) passed without a decision end as `expired`, each with
// its Flight Recorder event. Nobody's command runs on an expired request; a retry files a new one.
import type { Workspace } from "../../registry/workspace.ts";
import { frActor, type Actor } from "../../ops/actor.ts";
import { expireOverdue as expireRows } from "./requests.ts";
import type { ApprovalRequest } from "./types.ts";

export const EXPIRED_REASON = "no decision before the request's deadline";

export function recordExpired(ws: Workspace, actor: Actor, request: ApprovalRequest, status: "expired" | "withdrawn", reason: string): void {
  ws.record({
    type: "approval.expired",
    actor: frActor(actor),
    session_id: request.sessionId,
    wp_id: request.wp,
    mt_id: request.mt,
    payload: { request_id: request.id, rule: request.rule, status, reason, at: new Date().toISOString() },
  });
}

export function expireDue(ws: Workspace, actor: Actor, now = new Date()): ApprovalRequest[] {
  const expired = expireRows(ws.db, now);
  for (const request of expired) recordExpired(ws, actor, request, "expired", EXPIRED_REASON);
  return expired;
}

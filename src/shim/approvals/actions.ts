// Operator decisions on the inbox: approve (once / job / workspace), deny with a reason, revoke a grant.
// Each is one immediate transaction plus its Flight Recorder event. Callers check assertOperator first.
import os from "node:os";
import type { Workspace } from "../../registry/workspace.ts";
import { immediate } from "../../registry/sqlite.ts";
import { HsError } from "../../errors.ts";
import { decideRequest, getRequest } from "./requests.ts";
import { insertGrant, revokeGrant, getGrant } from "./grants.ts";
import type { ApprovalRequest, ApprovalScope, Grant } from "./types.ts";

export function operatorName(): string {
  try {
    return `operator:${os.userInfo().username}`;
  } catch {
    return "operator";
  }
}

function pendingRequest(ws: Workspace, id: string): ApprovalRequest {
  const request = getRequest(ws.db, id);
  if (!request) throw new HsError("HS-APPROVAL-NOT-FOUND", `no approval request '${id}'`, { hint: "hs approvals" });
  if (request.status !== "pending") {
    throw new HsError("HS-APPROVAL-DECIDED", `request ${id} is already ${request.status}`, { hint: "hs approvals --all" });
  }
  return request;
}

export interface ApproveOptions {
  scope: ApprovalScope;
  /** Grant lifetime; undefined = the workspace default (config.approvals). */
  ttlSeconds?: number;
  reason?: string;
  by?: string;
}

export function approveRequest(ws: Workspace, id: string, options: ApproveOptions): { request: ApprovalRequest; grant?: Grant } {
  const by = options.by ?? operatorName();
  const { request, grant } = immediate(ws.db, () => {
    const pending = pendingRequest(ws, id);
    if (options.scope !== "once" && !pending.grantable) {
      throw new HsError("HS-APPROVAL-NOT-GRANTABLE", `request ${id} (${pending.rule}) reaches outside the session's scope; only a one-time approval is possible`, {
        hint: `hs approve ${id} --scope once`,
      });
    }
    const ttl =
      options.ttlSeconds ??
      (options.scope === "workspace" ? ws.config.approvals.workspace_ttl_seconds : ws.config.approvals.job_ttl_seconds);
    const grant =
      options.scope === "once"
        ? undefined
        : insertGrant(ws.db, { scope: options.scope, sessionId: pending.sessionId, workspaceId: pending.workspaceId, rule: pending.rule, requestId: id, by, ttlSeconds: ttl });
    const request = decideRequest(ws.db, id, { status: "approved", by, scope: options.scope, reason: options.reason ?? null, grantId: grant?.id ?? null })!;
    return { request, grant };
  });
  ws.record({
    type: "approval.decided",
    actor: "human",
    session_id: request.sessionId,
    wp_id: request.wp,
    mt_id: request.mt,
    payload: {
      request_id: id,
      decision: "approved",
      decided_by: by,
      scope: options.scope,
      reason: options.reason ?? null,
      rule: request.rule,
      grant_id: grant?.id ?? null,
      grant_expires_at: grant?.expiresAt ?? null,
    },
  });
  return { request, grant };
}

export function denyRequest(ws: Workspace, id: string, reason: string, by = operatorName()): ApprovalRequest {
  const request = immediate(ws.db, () => {
    pendingRequest(ws, id);
    return decideRequest(ws.db, id, { status: "denied", by, scope: null, reason, grantId: null })!;
  });
  ws.record({
    type: "approval.decided",
    actor: "human",
    session_id: request.sessionId,
    wp_id: request.wp,
    mt_id: request.mt,
    payload: { request_id: id, decision: "denied", decided_by: by, scope: null, reason, rule: request.rule },
  });
  return request;
}

export function revokeGrantById(ws: Workspace, id: string, reason: string | null, by = operatorName()): Grant {
  const grant = revokeGrant(ws.db, id, by, reason);
  if (!grant) {
    const existing = getGrant(ws.db, id);
    throw new HsError("HS-GRANT-NOT-FOUND", existing ? `grant ${id} is already revoked` : `no grant '${id}'`, { hint: "hs grants" });
  }
  ws.record({
    type: "grant.revoked",
    actor: "human",
    session_id: grant.sessionId,
    payload: { grant_id: id, rule: grant.rule, scope: grant.scope, revoked_by: by, reason, uses: grant.uses },
  });
  return grant;
}

// The approval verbs: `(ws, actor, input) -> result`, each checking its actor through the one access guard,
// doing its transaction and recording its Flight Recorder event. Decisions (approve, deny, revoke) are the
// operator's; a session files, waits on and uses only its own requests. Front ends only parse and print.
import os from "node:os";
import type { Workspace } from "../../registry/workspace.ts";
import { immediate } from "../../registry/sqlite.ts";
import { HsError } from "../../errors.ts";
import { authorize } from "../../ops/guard.ts";
import { frActor, type Actor } from "../../ops/actor.ts";
import { consumeDecision, decideRequest, getRequest, insertRequest, listRequests, type NewRequest } from "./requests.ts";
import { expireDue } from "./expiry.ts";
import { getGrant, insertGrant, revokeGrant as revokeGrantRow } from "./grants.ts";
import { addWaiter, pruneDeadWaiters, removeWaiter, type WaiterVia } from "./waiters.ts";
import { syncBlocked } from "./blocked.ts";
import { boundedRequestRow, decisionRow, grantRow } from "./records.ts";
import { coverText } from "./shape.ts";
import type { ApprovalRequest, ApprovalScope, Grant } from "./types.ts";
import { performApproved } from "../../ops/approved.ts";

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

const own = (request: Pick<ApprovalRequest, "sessionId">) => ({ who: "self", session: request.sessionId }) as const;

export interface ApproveInput {
  id: string;
  scope: ApprovalScope;
  /** Grant lifetime; undefined = the workspace default (config.approvals). */
  ttlSeconds?: number;
  reason?: string;
}

export function approve(ws: Workspace, actor: Actor, input: ApproveInput): { request: ApprovalRequest; grant?: Grant; performed?: unknown } {
  authorize(ws, actor, `approve ${input.id}`, { who: "operator" });
  const by = operatorName();
  const { scope, id } = input;
  const defaults = ws.config.approvals;
  const ttl = input.ttlSeconds ?? (scope === "workspace" ? defaults.workspace_ttl_seconds : defaults.job_ttl_seconds);
  const { request, grant } = immediate(ws.db, () => {
    const pending = pendingRequest(ws, id);
    if (scope !== "once" && (!pending.grantable || !pending.shape)) {
      const why = pending.shape ? "reaches outside the session's scope" : "is not a gated command";
      throw new HsError("HS-APPROVAL-NOT-GRANTABLE", `request ${id} (${pending.rule}) ${why}; only a one-time approval is possible`, {
        hint: `hs approve ${id} --scope once`,
      });
    }
    const grant =
      scope === "once"
        ? undefined
        : insertGrant(ws.db, {
            scope, sessionId: pending.sessionId, workspaceId: pending.workspaceId, rule: pending.rule, requestId: id, by,
            ttlSeconds: ttl, cover: pending.shape,
          });
    const decision = { status: "approved" as const, by, scope, reason: input.reason ?? null, grantId: grant?.id ?? null };
    const request = decideRequest(ws.db, id, decision)!;
    return { request, grant };
  });
  const ids = { session_id: request.sessionId, wp_id: request.wp, mt_id: request.mt };
  const payload = decisionRow(request, scope === "once" ? null : ttl, grant);
  ws.record({ type: "approval.decided", actor: frActor(actor), ...ids, payload });
  // A request that stands for an operation (hs vcs revert, a custom job) is performed by approving it.
  const performed = performApproved(ws, actor, request);
  return { request, grant, ...(performed === undefined ? {} : { performed }) };
}

export type SessionApproval = { id: string; request: ApprovalRequest } | { id: string; error: HsError };

/** "Approve all pending of this session", once each: every request gets its own decision and approval.decided event. */
export function approveSession(
  ws: Workspace,
  actor: Actor,
  input: { session: string; reason?: string },
): SessionApproval[] {
  authorize(ws, actor, `approve --session ${input.session}`, { who: "operator" });
  return listRequests(ws.db, { sessionId: input.session }).map((pending) => {
    try {
      const { request } = approve(ws, actor, { id: pending.id, scope: "once", reason: input.reason });
      return { id: pending.id, request };
    } catch (error) {
      if (!(error instanceof HsError)) throw error;
      return { id: pending.id, error }; // decided or expired meanwhile by another process
    }
  });
}

export function deny(ws: Workspace, actor: Actor, input: { id: string; reason: string }): ApprovalRequest {
  authorize(ws, actor, `deny ${input.id} --reason ...`, { who: "operator" });
  const by = operatorName();
  const request = immediate(ws.db, () => {
    pendingRequest(ws, input.id);
    return decideRequest(ws.db, input.id, { status: "denied", by, scope: null, reason: input.reason, grantId: null })!;
  });
  const ids = { session_id: request.sessionId, wp_id: request.wp, mt_id: request.mt };
  ws.record({ type: "approval.decided", actor: frActor(actor), ...ids, payload: decisionRow(request, null, undefined) });
  return request;
}

export function revokeGrant(ws: Workspace, actor: Actor, input: { id: string; reason: string | null }): Grant {
  authorize(ws, actor, `grants revoke ${input.id}`, { who: "operator" });
  const by = operatorName();
  const grant = revokeGrantRow(ws.db, input.id, by, input.reason);
  if (!grant) {
    const existing = getGrant(ws.db, input.id);
    const why = existing ? `grant ${input.id} is already revoked` : `no grant '${input.id}'`;
    throw new HsError("HS-GRANT-NOT-FOUND", why, { hint: "hs grants" });
  }
  ws.record({
    type: "grant.revoked",
    actor: frActor(actor),
    session_id: grant.sessionId,
    payload: { ...grantRow(grant), revoked_by: by, revoked_at: grant.revokedAt, reason: input.reason, uses: grant.uses },
  });
  return grant;
}

/** A session files a request for one of its own commands (the host files it for the session it serves). */
export function fileRequest(ws: Workspace, actor: Actor, input: NewRequest): ApprovalRequest {
  authorize(ws, actor, "approval request", own(input));
  const request = insertRequest(ws.db, input);
  const ids = { session_id: request.sessionId, wp_id: request.wp, mt_id: request.mt };
  const summary = {
    grantable: request.grantable,
    preview_titles: request.preview.map((p) => p.title),
    covers: request.shape ? coverText(request.shape) : null,
  };
  ws.record({ type: "approval.requested", actor: frActor(actor), ...ids, payload: { ...boundedRequestRow(request), ...summary } });
  return request;
}

/** A process starts waiting on a request (the session shows `blocked` while someone does). */
export function attach(ws: Workspace, actor: Actor, input: { request: ApprovalRequest; pid: number; via: WaiterVia }): string {
  authorize(ws, actor, `wait on ${input.request.id}`, own(input.request));
  const waiter = addWaiter(ws.db, input.request.id, input.pid, input.via);
  syncBlocked(ws, input.request.sessionId);
  return waiter;
}

/** The waiter stops waiting; the request stays as it is (it outlives the process that filed it). */
export function detach(ws: Workspace, actor: Actor, input: { request: ApprovalRequest; waiter: string }): void {
  authorize(ws, actor, `stop waiting on ${input.request.id}`, own(input.request));
  removeWaiter(ws.db, input.waiter);
  syncBlocked(ws, input.request.sessionId);
}

/** A run uses an approval (and runs) or is told a denial: true exactly once per decided request. */
export interface ConsumeInput {
  request: ApprovalRequest;
  status: "approved" | "denied";
  argv: readonly string[];
}

export function consume(ws: Workspace, actor: Actor, input: ConsumeInput): boolean {
  authorize(ws, actor, `use ${input.request.id}`, own(input.request));
  // One clock reading for the row and its event: `hs rebuild` restores the row from the event, to the millisecond.
  const now = new Date();
  if (!consumeDecision(ws.db, input.request.id, input.status, now)) return false;
  const { request } = input;
  ws.record({
    type: "approval.consumed",
    actor: frActor(actor),
    session_id: request.sessionId,
    wp_id: request.wp,
    mt_id: request.mt,
    payload: { request_id: request.id, decision: input.status, argv: input.argv, consumed_at: now.toISOString() },
  });
  return true;
}

/** Ends pending requests whose lifetime passed. An explicit repair: listings and the gate call it, not reads. */
export function expireOverdue(ws: Workspace, actor: Actor): ApprovalRequest[] {
  authorize(ws, actor, "expire approval requests", { who: "anyone" });
  return expireDue(ws, actor);
}

/** Forgets waiters whose process is gone (SIGKILL, host crash) and unblocks their sessions. */
export function reconcileWaiters(ws: Workspace, actor: Actor): string[] {
  authorize(ws, actor, "reconcile approval waiters", { who: "anyone" });
  const orphaned = pruneDeadWaiters(ws.db);
  const sessions = new Set(orphaned.map((id) => getRequest(ws.db, id)?.sessionId).filter((id): id is string => !!id));
  for (const session of sessions) syncBlocked(ws, session);
  return orphaned;
}

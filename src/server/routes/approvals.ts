// /api/v1/approvals: the Approval Inbox. Listing first runs the two explicit repairs the CLI runs (forget dead
// waiters, expire overdue requests) as the server's actor; decisions are the approval operations.
import { z } from "zod";
import { approveOp, approveSessionOp } from "../../ops/approved.ts";
import {
  deny,
  expireOverdue,
  reconcileWaiters,
  revokeGrant,
} from "../../shim/approvals/ops.ts";
import { isGrantActive, listGrants } from "../../shim/approvals/grants.ts";
import { findSession, isTerminal } from "../../registry/sessions.ts";
import { listRequests } from "../../shim/approvals/requests.ts";
import { liveWaiters } from "../../shim/approvals/waiters.ts";
import { grantJson, requestJson } from "../../shim/approvals/view.ts";
import type { ApprovalRequest } from "../../shim/approvals/types.ts";
import { redactValue } from "../../registry/redact.ts";
import { route } from "../router.ts";

const ListQuery = z.strictObject({
  status: z.enum(["pending", "all"]).default("pending").describe("pending only, or decided/expired/withdrawn too"),
  session: z.string().max(64).optional().describe("only this session's requests"),
});
export const Approve = z.strictObject({
  scope: z.enum(["once", "job", "workspace"]).default("once").describe("once, or a standing grant (job/workspace)"),
  ttl_seconds: z.number().int().positive().max(30 * 86_400).optional().describe("grant lifetime (workspace.json default)"),
  reason: z.string().min(1).max(2000).optional(),
});
export const ApproveSession = z.strictObject({
  session: z.string().min(1).max(64).describe("approve every pending request of this session, each on its own"),
  reason: z.string().min(1).max(2000).optional(),
});
const GrantQuery = z.strictObject({
  status: z.enum(["active", "all"]).default("active").describe("active only, or revoked/expired too"),
});
const Revoke = z.strictObject({ reason: z.string().min(1).max(2000).optional() });
export const Deny = z.strictObject({ reason: z.string().min(1).max(2000).describe("told to the waiting command") });

/** The argv redacted element by element first, so the display line built from it carries no secret either. */
function view(request: ApprovalRequest, waiters = 0) {
  return requestJson({ ...request, argv: redactValue(request.argv) as string[] }, { waiters });
}

export const approvalRoutes = [
  route<z.infer<typeof ListQuery>>({
    method: "GET",
    path: "/api/v1/approvals",
    summary: "the inbox: pending requests (?status=all for decided ones too, ?session=)",
    query: ListQuery,
    handle: ({ ws, actor }, { query }) => {
      reconcileWaiters(ws, actor);
      expireOverdue(ws, actor);
      const requests = listRequests(ws.db, { all: query.status === "all", sessionId: query.session });
      const waiters = liveWaiters(ws.db, requests.map((request) => request.id));
      return { requests: requests.map((request) => view(request, waiters.get(request.id))) };
    },
  }),
  route<unknown, z.infer<typeof Approve>>({
    method: "POST",
    path: "/api/v1/approvals/:id/approve",
    summary: "approve once, or grant for the job/workspace with a TTL; a revert or custom-job request is performed",
    body: Approve,
    handle: ({ ws, actor }, { params, body }) => {
      const input = { id: params.id, scope: body.scope, ttlSeconds: body.ttl_seconds, reason: body.reason };
      const { request, grant, performed } = approveOp(ws, actor, input);
      // `performed`: what approving did for requests that stand for an operation (hs vcs revert, a custom job)
      return { request: view(request), grant: grant ?? null, ...(performed === undefined ? {} : { performed }) };
    },
  }),
  route<unknown, z.infer<typeof Deny>>({
    method: "POST",
    path: "/api/v1/approvals/:id/deny",
    summary: "deny with a reason",
    body: Deny,
    handle: ({ ws, actor }, { params, body }) => ({
      request: view(deny(ws, actor, { id: params.id, reason: body.reason })),
    }),
  }),
  route<unknown, z.infer<typeof ApproveSession>>({
    method: "POST",
    path: "/api/v1/approvals/approve-session",
    summary: "approve once every pending request of one session (one approval.decided event each)",
    body: ApproveSession,
    handle: ({ ws, actor }, { body }) => ({
      session_id: body.session,
      results: approveSessionOp(ws, actor, body).map((one) =>
        "request" in one
          ? { id: one.id, ok: true, request: view(one.request), ...(one.performed === undefined ? {} : { performed: one.performed }) }
          : { id: one.id, ok: false, error: one.error.toJSON().error },
      ),
    }),
  }),
  route<z.infer<typeof GrantQuery>>({
    method: "GET",
    path: "/api/v1/grants",
    summary: "standing approvals (?status=all for revoked/expired too)",
    query: GrantQuery,
    handle: ({ ws }, { query }) => {
      // A job grant lasts until its session ends, whatever its TTL says (as hs grants shows it).
      const live = (id: string | null) => id === null || !isTerminal(findSession(ws, id)?.state ?? "cancelled");
      const grants = listGrants(ws.db, { all: true }).map((grant) =>
        grantJson(grant, isGrantActive(grant) && live(grant.sessionId)),
      );
      return { grants: query.status === "all" ? grants : grants.filter((grant) => grant.active) };
    },
  }),
  route<unknown, z.infer<typeof Revoke>>({
    method: "POST",
    path: "/api/v1/grants/:id/revoke",
    summary: "revoke a standing approval",
    body: Revoke,
    handle: ({ ws, actor }, { params, body }) => {
      const grant = revokeGrant(ws, actor, { id: params.id, reason: body.reason ?? null });
      return grantJson(grant, false);
    },
  }),
];

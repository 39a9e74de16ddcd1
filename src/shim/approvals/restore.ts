// Approvals from the Flight Recorder alone: requests, decisions, grants, uses, consumption and expiry are
// replayed in log order into empty gate tables (for `hs rebuild` after devcc.db was lost). Events written
// before they carried full rows are counted and skipped.
import type { Workspace } from "../../registry/workspace.ts";
import type { FrEvent } from "../../registry/fr-types.ts";
import { immediate } from "../../registry/sqlite.ts";
import { closeRequest, consumeDecision, decideRequest, getRequest, insertRequest } from "./requests.ts";
import { getGrant, insertGrant, recordGrantUse, revokeGrant } from "./grants.ts";
import type { CommandShape, Preview } from "./types.ts";

export interface ApprovalRestore {
  requests: number;
  grants: number;
  skipped: number;
}

type Payload = Record<string, any>;
const date = (iso: unknown, fallback: string) => new Date(typeof iso === "string" ? iso : fallback);

function restoreRequest(ws: Workspace, p: Payload, event: FrEvent): boolean {
  if (typeof p.request_id !== "string" || typeof p.session_id !== "string" || !Array.isArray(p.argv)) return false;
  if (getRequest(ws.db, p.request_id)) return false;
  insertRequest(ws.db, {
    sessionId: p.session_id, workspaceId: p.workspace_id ?? ws.config.workspace_id, wp: p.wp_id ?? null, mt: p.mt_id ?? null,
    tool: p.tool === "rm" ? "rm" : "git", argv: p.argv, cwd: String(p.cwd ?? ""), rule: String(p.rule), reason: String(p.reason ?? ""),
    hint: String(p.hint ?? ""), grantable: p.grantable === true, preview: (p.preview ?? []) as Preview[], timeoutSeconds: 0,
    waiterPid: null, shape: (p.shape ?? null) as CommandShape | null,
    restore: { id: p.request_id, createdAt: p.created_at ?? event.timestamp, expiresAt: p.expires_at ?? event.timestamp },
  });
  return true;
}

function restoreDecision(ws: Workspace, p: Payload, event: FrEvent): boolean {
  const g = p.grant as Payload | null | undefined;
  if (g && typeof g.grant_id === "string" && !getGrant(ws.db, g.grant_id)) {
    insertGrant(ws.db, {
      scope: g.scope, sessionId: g.session_id ?? null, workspaceId: g.workspace_id ?? ws.config.workspace_id, rule: g.rule,
      requestId: g.request_id, by: g.created_by ?? p.decided_by ?? "operator", ttlSeconds: null,
      cover: (g.cover ?? null) as CommandShape | null,
      restore: { id: g.grant_id, createdAt: g.created_at ?? event.timestamp, expiresAt: g.expires_at ?? null },
    });
  }
  const status = p.decision === "approved" || p.decision === "denied" ? p.decision : undefined;
  if (!status || typeof p.request_id !== "string") return false;
  const decision = {
    status, by: p.decided_by ?? "operator", scope: p.scope ?? null, reason: p.reason ?? null, grantId: p.grant_id ?? null,
    now: date(p.decided_at, event.timestamp),
  };
  return decideRequest(ws.db, p.request_id, decision) !== undefined && !!g;
}

export function restoreApprovals(ws: Workspace, events: Iterable<FrEvent>): ApprovalRestore {
  const report: ApprovalRestore = { requests: 0, grants: 0, skipped: 0 };
  immediate(ws.db, () => {
    for (const event of events) {
      const p = event.payload as Payload;
      if (event.type === "approval.requested") {
        if (restoreRequest(ws, p, event)) report.requests += 1;
        else report.skipped += 1;
      } else if (event.type === "approval.decided") {
        if (restoreDecision(ws, p, event)) report.grants += 1;
      } else if (event.type === "approval.consumed") {
        consumeDecision(ws.db, p.request_id, p.decision === "denied" ? "denied" : "approved", date(p.consumed_at, event.timestamp));
      } else if (event.type === "approval.expired") {
        const status = p.status === "withdrawn" ? "withdrawn" : "expired";
        closeRequest(ws.db, p.request_id, status, String(p.reason ?? status), date(p.at, event.timestamp));
      } else if (event.type === "grant.used" && typeof p.grant_id === "string") {
        recordGrantUse(ws.db, p.grant_id, date(p.used_at, event.timestamp));
      } else if (event.type === "grant.revoked" && typeof p.grant_id === "string") {
        revokeGrant(ws.db, p.grant_id, p.revoked_by ?? "operator", p.reason ?? null, date(p.revoked_at, event.timestamp));
      }
    }
  });
  return report;
}

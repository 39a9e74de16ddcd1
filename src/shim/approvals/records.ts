// Flight Recorder payloads of the approval verbs: full rows, so `hs rebuild` can restore requests, decisions
// and grants from the log alone (rows.ts reads them back).
import type { ApprovalRequest, Grant } from "./types.ts";
import { coverText } from "./shape.ts";

export function requestRow(request: ApprovalRequest) {
  return {
    request_id: request.id,
    session_id: request.sessionId,
    workspace_id: request.workspaceId,
    wp_id: request.wp,
    mt_id: request.mt,
    tool: request.tool,
    argv: request.argv,
    cwd: request.cwd,
    rule: request.rule,
    reason: request.reason,
    hint: request.hint,
    grantable: request.grantable,
    preview: request.preview,
    shape: request.shape,
    created_at: request.createdAt,
    expires_at: request.expiresAt,
  };
}

// The Flight Recorder keeps payloads up to 8 KiB; past that only a summary survives. The preview is the part
// that can grow, so a row that would not fit keeps the preview's titles and drops its entries.
const ROW_BUDGET = 7000;

export function boundedRequestRow(request: ApprovalRequest) {
  const row = requestRow(request);
  if (Buffer.byteLength(JSON.stringify(row), "utf8") <= ROW_BUDGET) return row;
  return { ...row, preview: request.preview.map((p) => ({ title: p.title, entries: [], truncated: true })) };
}

export function grantRow(grant: Grant) {
  return {
    grant_id: grant.id,
    scope: grant.scope,
    session_id: grant.sessionId,
    workspace_id: grant.workspaceId,
    rule: grant.rule,
    request_id: grant.requestId,
    created_at: grant.createdAt,
    created_by: grant.createdBy,
    expires_at: grant.expiresAt,
    cover: grant.cover,
    covers: grant.cover ? coverText(grant.cover) : null,
  };
}

export function decisionRow(request: ApprovalRequest, ttlSeconds: number | null, grant: Grant | undefined) {
  return {
    request_id: request.id,
    decision: request.status,
    decided_by: request.decidedBy,
    decided_at: request.decidedAt,
    scope: request.decisionScope,
    ttl_seconds: ttlSeconds,
    reason: request.decisionReason,
    rule: request.rule,
    grant_id: grant?.id ?? null,
    grant_expires_at: grant?.expiresAt ?? null,
    grant: grant ? grantRow(grant) : null,
  };
}

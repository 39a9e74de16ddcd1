// How requests and grants look in `hs approvals` / `hs grants` (plain objects for --json, lines for humans).
import { shQuote } from "../shell-quote.ts";
import { formatAge } from "./duration.ts";
import type { ApprovalRequest, Grant } from "./types.ts";

export function argvText(argv: readonly string[]): string {
  return argv.map((arg) => shQuote(arg)).join(" ");
}

export function requestJson(request: ApprovalRequest, now = new Date()) {
  return {
    id: request.id,
    status: request.status,
    session_id: request.sessionId,
    wp_id: request.wp,
    mt_id: request.mt,
    argv: request.argv,
    cwd: request.cwd,
    rule: request.rule,
    reason: request.reason,
    hint: request.hint.replaceAll("{request}", request.id),
    grantable: request.grantable,
    preview: request.preview,
    created_at: request.createdAt,
    expires_at: request.expiresAt,
    age_seconds: Math.max(0, Math.round((now.getTime() - Date.parse(request.createdAt)) / 1000)),
    decided_at: request.decidedAt,
    decided_by: request.decidedBy,
    scope: request.decisionScope,
    decision_reason: request.decisionReason,
    grant_id: request.grantId,
  };
}

export function requestLines(request: ApprovalRequest, now = new Date()): string[] {
  const work = [request.wp, request.mt].filter(Boolean).join("/");
  const lines = [
    `${request.id}  ${request.status}  session ${request.sessionId}${work ? ` (${work})` : ""}  age ${formatAge(request.createdAt, now)}  rule ${request.rule}`,
    `  argv:   ${argvText(request.argv)}`,
    `  cwd:    ${request.cwd}`,
    `  reason: ${request.reason}`,
  ];
  for (const preview of request.preview) {
    lines.push(`  could lose: ${preview.title}${preview.truncated ? ` (first ${preview.entries.length})` : ""}`);
    for (const entry of preview.entries) lines.push(`    ${entry.text}`);
  }
  if (request.status === "pending") {
    const scopes = request.grantable ? "once|job|workspace" : "once (leaves the session's scope)";
    lines.push(`  decide: hs approve ${request.id} [--scope ${scopes}]   |   hs deny ${request.id} --reason TEXT`);
  } else {
    lines.push(`  decided: ${request.status}${request.decisionScope ? ` (${request.decisionScope})` : ""} by ${request.decidedBy ?? "-"}${request.decisionReason ? `: ${request.decisionReason}` : ""}`);
  }
  return lines;
}

export function grantJson(grant: Grant, active: boolean) {
  return {
    id: grant.id,
    scope: grant.scope,
    session_id: grant.sessionId,
    rule: grant.rule,
    request_id: grant.requestId,
    created_at: grant.createdAt,
    created_by: grant.createdBy,
    expires_at: grant.expiresAt,
    revoked_at: grant.revokedAt,
    revoke_reason: grant.revokeReason,
    uses: grant.uses,
    last_used_at: grant.lastUsedAt,
    active,
  };
}

// How requests and grants look in `hs approvals` / `hs grants` (plain objects for --json, lines for humans).
// Everything that came from a session (argv, cwd, reason, paths) goes through displaySafe / shellWordSafe:
// a request cannot repaint the operator's terminal or pass for another command.
import { displaySafe, shellWordSafe } from "../../display/escape.ts";
import { shQuote } from "../shell-quote.ts";
import { redactValue } from "../../registry/redact.ts";
import { formatAge } from "./duration.ts";
import { coverText } from "./shape.ts";
import type { ApprovalRequest, Grant } from "./types.ts";

/** Secrets redacted element by element (as in the Flight Recorder), then every word made safe to print. */
export function argvText(argv: readonly string[]): string {
  return redactArgv(argv).map((arg) => shellWordSafe(arg, shQuote)).join(" ");
}

export function redactArgv(argv: readonly string[]): string[] {
  return redactValue([...argv]) as string[];
}

/** Who waits on a pending request right now: a count, or since when nobody does. */
export interface Waiting {
  waiters: number;
}

export function requestJson(request: ApprovalRequest, waiting?: Waiting, now = new Date()) {
  return {
    id: request.id,
    status: request.status,
    session_id: request.sessionId,
    wp_id: request.wp,
    mt_id: request.mt,
    argv: redactArgv(request.argv),
    argv_display: argvText(request.argv),
    cwd: request.cwd,
    rule: request.rule,
    reason: request.reason,
    hint: request.hint.replaceAll("{request}", request.id),
    grantable: request.grantable && request.shape !== null,
    scopes: grantableScopes(request),
    covers: request.shape ? coverText(request.shape) : null,
    preview: request.preview,
    created_at: request.createdAt,
    expires_at: request.expiresAt,
    age_seconds: Math.max(0, Math.round((now.getTime() - Date.parse(request.createdAt)) / 1000)),
    waiters: request.status === "pending" ? (waiting?.waiters ?? 0) : 0,
    nobody_waiting_since: request.status === "pending" && !waiting?.waiters ? (request.unwaitedSince ?? request.createdAt) : null,
    decided_at: request.decidedAt,
    decided_by: request.decidedBy,
    scope: request.decisionScope,
    decision_reason: request.decisionReason,
    grant_id: request.grantId,
    consumed_at: request.consumedAt,
  };
}

/** The scopes `hs approve` accepts for this request: job/workspace only when a grant could be made from it. */
export function grantableScopes(request: ApprovalRequest): string[] {
  return request.grantable && request.shape ? ["once", "job", "workspace"] : ["once"];
}

function waitingLine(request: ApprovalRequest, waiting: Waiting | undefined, now: Date): string {
  const count = waiting?.waiters ?? 0;
  if (count) return `  waiting: ${count === 1 ? "a command is" : `${count} commands are`} waiting for the decision`;
  const since = request.unwaitedSince ?? request.createdAt;
  return `  waiting: nobody waiting since ${since} (${formatAge(since, now)} ago); the next identical run uses the decision`;
}

export function requestLines(request: ApprovalRequest, waiting?: Waiting, now = new Date()): string[] {
  const work = [request.wp, request.mt].filter(Boolean).join("/");
  const lines = [
    `${request.id}  ${request.status}  session ${request.sessionId}${work ? ` (${work})` : ""}` +
      `  age ${formatAge(request.createdAt, now)}  rule ${request.rule}`,
    `  argv:   ${argvText(request.argv)}`,
    `  cwd:    ${displaySafe(request.cwd)}`,
    `  reason: ${displaySafe(request.reason)}`,
  ];
  for (const preview of request.preview) {
    lines.push(`  could lose: ${displaySafe(preview.title)}${preview.truncated ? ` (first ${preview.entries.length})` : ""}`);
    for (const entry of preview.entries) lines.push(`    ${displaySafe(entry.text)}`);
  }
  if (request.status === "pending") {
    lines.push(waitingLine(request, waiting, now));
    const scopes = grantableScopes(request);
    if (scopes.length > 1) {
      lines.push(`  decide: hs approve ${request.id} [--scope once|job|workspace]   |   hs deny ${request.id} --reason TEXT`);
      lines.push(`  a job/workspace grant would cover: ${displaySafe(coverText(request.shape!))}`);
    } else {
      const why = request.shape ? "it leaves the session's scope" : "not a gated command";
      lines.push(`  decide: hs approve ${request.id}   (once only: ${why})   |   hs deny ${request.id} --reason TEXT`);
    }
  } else {
    const scope = request.decisionScope ? ` (${request.decisionScope})` : "";
    const reason = request.decisionReason ? `: ${displaySafe(request.decisionReason)}` : "";
    lines.push(`  decided: ${request.status}${scope} by ${request.decidedBy ?? "-"}${reason}`);
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
    covers: grant.cover ? coverText(grant.cover) : "nothing (made before grants recorded what they cover)",
    cover: grant.cover,
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

/** One line, stated when the grant is made and by `hs grants`. */
export function grantLine(grant: Grant): string {
  const who = grant.scope === "job" ? `session ${grant.sessionId}` : "every session";
  const until = grant.expiresAt ? `until ${grant.expiresAt}` : "until the session ends";
  const what = grant.cover ? coverText(grant.cover) : "nothing";
  return `grant ${grant.id} (${grant.scope}): ${displaySafe(what)}; for ${who}, ${until}`;
}

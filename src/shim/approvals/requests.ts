// The approval inbox in devcc.db. Every status change is a compare-and-swap from `pending`,
// so a request is decided once even when the operator and a timing-out waiter race.
import type { Db } from "../../registry/sqlite.ts";
import { immediate } from "../../registry/sqlite.ts";
import { newId } from "./ids.ts";
import type { ApprovalRequest, ApprovalScope, CommandShape, Preview, RequestStatus } from "./types.ts";

interface RequestRow {
  request_id: string;
  session_id: string;
  workspace_id: string;
  wp_id: string | null;
  mt_id: string | null;
  tool: "git" | "rm";
  argv_json: string;
  cwd: string;
  rule: string;
  reason: string;
  hint: string;
  grantable: number;
  preview_json: string;
  status: RequestStatus;
  created_at: string;
  expires_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_scope: ApprovalScope | null;
  decision_reason: string | null;
  grant_id: string | null;
  waiter_pid: number | null;
  consumed_at: string | null;
  unwaited_since: string | null;
  shape_json: string | null;
}

function fromRow(row: RequestRow): ApprovalRequest {
  return {
    id: row.request_id,
    sessionId: row.session_id,
    workspaceId: row.workspace_id,
    wp: row.wp_id,
    mt: row.mt_id,
    tool: row.tool,
    argv: JSON.parse(row.argv_json) as string[],
    cwd: row.cwd,
    rule: row.rule,
    reason: row.reason,
    hint: row.hint,
    grantable: row.grantable === 1,
    preview: JSON.parse(row.preview_json) as Preview[],
    status: row.status,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    decisionScope: row.decision_scope,
    decisionReason: row.decision_reason,
    grantId: row.grant_id,
    waiterPid: row.waiter_pid,
    consumedAt: row.consumed_at,
    unwaitedSince: row.unwaited_since,
    shape: row.shape_json === null ? null : (JSON.parse(row.shape_json) as CommandShape),
  };
}

export interface NewRequest
  extends Pick<ApprovalRequest, "sessionId" | "workspaceId" | "wp" | "mt" | "tool" | "argv" | "cwd" | "rule" | "reason" | "hint" | "grantable" | "preview"> {
  timeoutSeconds: number;
  waiterPid: number | null;
  shape?: CommandShape | null;
  now?: Date;
  /** Rebuild restores a recorded request under its own id and times. */
  restore?: Pick<ApprovalRequest, "id" | "createdAt" | "expiresAt">;
}

export function insertRequest(db: Db, input: NewRequest): ApprovalRequest {
  const now = input.now ?? new Date();
  const id = input.restore?.id ?? newId("ap");
  const created = input.restore?.createdAt ?? now.toISOString();
  const expires = input.restore?.expiresAt ?? new Date(now.getTime() + input.timeoutSeconds * 1000).toISOString();
  db.prepare(
    `INSERT INTO gate_requests (request_id, session_id, workspace_id, wp_id, mt_id, tool, argv_json, cwd, rule, reason, hint,
       grantable, preview_json, status, created_at, expires_at, waiter_pid, unwaited_since, shape_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)`,
  ).run(
    id, input.sessionId, input.workspaceId, input.wp, input.mt, input.tool, JSON.stringify(input.argv), input.cwd, input.rule,
    input.reason, input.hint, input.grantable ? 1 : 0, JSON.stringify(input.preview), created, expires, input.waiterPid,
    input.waiterPid === null ? created : null, input.shape ? JSON.stringify(input.shape) : null,
  );
  return getRequest(db, id)!;
}

/**
 * The request a retry of the same command (same session, argv, cwd) should use: one still pending, an approval
 * not yet used, or a denial not yet told. Newest first; undefined when the retry must file a new request.
 */
export function findRetryTarget(db: Db, key: { sessionId: string; argv: readonly string[]; cwd: string }, now = new Date()): ApprovalRequest | undefined {
  const rows = db
    .prepare(
      `SELECT * FROM gate_requests WHERE session_id = ? AND cwd = ? AND argv_json = ?
         AND ((status = 'pending' AND expires_at > ?) OR (status IN ('approved', 'denied') AND consumed_at IS NULL))
       ORDER BY created_at DESC, request_id DESC LIMIT 1`,
    )
    .get(key.sessionId, key.cwd, JSON.stringify(key.argv), now.toISOString()) as RequestRow | undefined;
  return rows ? fromRow(rows) : undefined;
}

export function getRequest(db: Db, id: string): ApprovalRequest | undefined {
  const row = db.prepare("SELECT * FROM gate_requests WHERE request_id = ?").get(id) as RequestRow | undefined;
  return row ? fromRow(row) : undefined;
}

export function listRequests(db: Db, options: { all?: boolean; sessionId?: string } = {}): ApprovalRequest[] {
  const where = [options.all ? "1 = 1" : "status = 'pending'", options.sessionId ? "session_id = @session" : "1 = 1"].join(" AND ");
  const rows = db.prepare(`SELECT * FROM gate_requests WHERE ${where} ORDER BY created_at, request_id`).all({ session: options.sessionId ?? null });
  return (rows as RequestRow[]).map(fromRow);
}

export interface Decision {
  status: "approved" | "denied";
  by: string;
  scope: ApprovalScope | null;
  reason: string | null;
  grantId: string | null;
  now?: Date;
}

/** Moves a pending request to approved/denied; returns undefined when it was no longer pending. */
export function decideRequest(db: Db, id: string, decision: Decision): ApprovalRequest | undefined {
  const changes = db
    .prepare(
      `UPDATE gate_requests SET status = ?, decided_at = ?, decided_by = ?, decision_scope = ?, decision_reason = ?, grant_id = ?
       WHERE request_id = ? AND status = 'pending'`,
    )
    .run(decision.status, (decision.now ?? new Date()).toISOString(), decision.by, decision.scope, decision.reason, decision.grantId, id).changes;
  return changes ? getRequest(db, id) : undefined;
}

/** Ends a pending request without an operator decision (timeout, Ctrl-C, waiter gone). */
export function closeRequest(db: Db, id: string, status: "expired" | "withdrawn", reason: string, now = new Date()): boolean {
  return (
    db
      .prepare("UPDATE gate_requests SET status = ?, decided_at = ?, decided_by = 'system', decision_reason = ? WHERE request_id = ? AND status = 'pending'")
      .run(status, now.toISOString(), reason, id).changes > 0
  );
}

/** A run claims an approval before running the command: true exactly once per approved request. */
export function consumeApproval(db: Db, id: string, now = new Date()): boolean {
  return consumeDecision(db, id, "approved", now);
}

/** Marks a decision as used (approved) or told to a run (denied): true exactly once. */
export function consumeDecision(db: Db, id: string, status: "approved" | "denied", now = new Date()): boolean {
  const sql = "UPDATE gate_requests SET consumed_at = ? WHERE request_id = ? AND status = ? AND consumed_at IS NULL";
  return db.prepare(sql).run(now.toISOString(), id, status).changes > 0;
}

export function setUnwaitedSince(db: Db, id: string, since: string | null): void {
  db.prepare("UPDATE gate_requests SET unwaited_since = ? WHERE request_id = ?").run(since, id);
}

/** Expires pending requests whose deadline passed (their waiter died or was killed); returns them. */
export function expireOverdue(db: Db, now = new Date()): ApprovalRequest[] {
  return immediate(db, () => {
    const rows = db.prepare("SELECT * FROM gate_requests WHERE status = 'pending' AND expires_at <= ?").all(now.toISOString()) as RequestRow[];
    for (const row of rows) closeRequest(db, row.request_id, "expired", "no decision before the deadline", now);
    return rows.map((row) => ({ ...fromRow(row), status: "expired" as const }));
  });
}

/** Pending requests per session (overdue ones included until they are expired): `hs session list`. */
export function pendingCounts(db: Db): Map<string, number> {
  const rows = db.prepare("SELECT session_id, COUNT(*) AS n FROM gate_requests WHERE status = 'pending' GROUP BY session_id").all() as { session_id: string; n: number }[];
  return new Map(rows.map((row) => [row.session_id, row.n]));
}

// Standing approvals: a `job` grant covers later `ask` decisions for one session, a `workspace` grant for every
// session, both until revoked or expired, and only commands of the approved rule and shape (shape.ts): the
// same command with no added option and paths within the approved ones. Only grantable requests make grants.
import type { Db } from "../../registry/sqlite.ts";
import { newId } from "./ids.ts";
import { covers } from "./shape.ts";
import type { CommandShape, Grant, GrantScope } from "./types.ts";

interface GrantRow {
  grant_id: string;
  scope: GrantScope;
  session_id: string | null;
  workspace_id: string;
  rule: string;
  request_id: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  uses: number;
  last_used_at: string | null;
  cover_json: string | null;
}

function fromRow(row: GrantRow): Grant {
  return {
    id: row.grant_id,
    scope: row.scope,
    sessionId: row.session_id,
    workspaceId: row.workspace_id,
    rule: row.rule,
    requestId: row.request_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    revokeReason: row.revoke_reason,
    uses: row.uses,
    lastUsedAt: row.last_used_at,
    cover: row.cover_json === null ? null : (JSON.parse(row.cover_json) as CommandShape),
  };
}

export interface NewGrant {
  scope: GrantScope;
  sessionId: string | null;
  workspaceId: string;
  rule: string;
  requestId: string;
  by: string;
  ttlSeconds: number | null;
  cover: CommandShape | null;
  now?: Date;
  /** Rebuild restores a recorded grant under its own id and times. */
  restore?: Pick<Grant, "id" | "createdAt" | "expiresAt">;
}

export function insertGrant(db: Db, input: NewGrant): Grant {
  const now = input.now ?? new Date();
  const id = input.restore?.id ?? newId("gr");
  const expires = input.restore
    ? input.restore.expiresAt
    : input.ttlSeconds === null ? null : new Date(now.getTime() + input.ttlSeconds * 1000).toISOString();
  db.prepare(
    `INSERT INTO gate_grants (grant_id, scope, session_id, workspace_id, rule, request_id, created_at, created_by, expires_at, cover_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id, input.scope, input.scope === "job" ? input.sessionId : null, input.workspaceId, input.rule, input.requestId,
    input.restore?.createdAt ?? now.toISOString(), input.by, expires, input.cover ? JSON.stringify(input.cover) : null,
  );
  return getGrant(db, id)!;
}

export function getGrant(db: Db, id: string): Grant | undefined {
  const row = db.prepare("SELECT * FROM gate_grants WHERE grant_id = ?").get(id) as GrantRow | undefined;
  return row ? fromRow(row) : undefined;
}

export function isGrantActive(grant: Grant, now = new Date()): boolean {
  return grant.revokedAt === null && (grant.expiresAt === null || grant.expiresAt > now.toISOString());
}

/** The live grant of `rule` that covers this command's shape for this session, if any (job grants first). */
export function findGrant(db: Db, rule: string, shape: CommandShape, sessionId: string, now = new Date()): Grant | undefined {
  const rows = db
    .prepare(
      `SELECT * FROM gate_grants
       WHERE rule = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)
         AND (scope = 'workspace' OR (scope = 'job' AND session_id = ?))
       ORDER BY CASE scope WHEN 'job' THEN 0 ELSE 1 END, created_at`,
    )
    .all(rule, now.toISOString(), sessionId) as GrantRow[];
  return rows.map(fromRow).find((grant) => covers(grant.cover, shape));
}

export function recordGrantUse(db: Db, id: string, now = new Date()): number {
  db.prepare("UPDATE gate_grants SET uses = uses + 1, last_used_at = ? WHERE grant_id = ?").run(now.toISOString(), id);
  return getGrant(db, id)?.uses ?? 0;
}

export function listGrants(db: Db, options: { all?: boolean; now?: Date } = {}): Grant[] {
  const rows = (db.prepare("SELECT * FROM gate_grants ORDER BY created_at, grant_id").all() as GrantRow[]).map(fromRow);
  return options.all ? rows : rows.filter((grant) => isGrantActive(grant, options.now));
}

/** Returns the revoked grant, or undefined when it was already revoked. */
export function revokeGrant(db: Db, id: string, by: string, reason: string | null, now = new Date()): Grant | undefined {
  const changes = db
    .prepare("UPDATE gate_grants SET revoked_at = ?, revoked_by = ?, revoke_reason = ? WHERE grant_id = ? AND revoked_at IS NULL")
    .run(now.toISOString(), by, reason, id).changes;
  return changes ? getGrant(db, id) : undefined;
}

// Registers a session in one BEGIN IMMEDIATE transaction, so racing creators serialise: exactly one wins.
import crypto from "node:crypto";
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { immediate } from "../registry/sqlite.ts";
import { fromRow, type SessionRecord } from "../registry/sessions.ts";
import { refreshLockMarker } from "../registry/markers.ts";
import { scopesMayOverlap } from "../scope/index.ts";

export function insertRowUnchecked(ws: Workspace, session: SessionRecord): void {
  insertRow(ws, session);
}

function insertRow(ws: Workspace, session: SessionRecord): void {
  const exists = ws.db.prepare("SELECT 1 FROM model_sessions WHERE session_id = ?").get(session.id);
  if (exists) throw new HsError("HS-SESSION-EXISTS", `session '${session.id}' already exists`, { hint: `hs session show ${session.id}` });
  ws.db
    .prepare(
      `INSERT INTO model_sessions (session_id, parent_session_id, spawn_depth, state, state_reason, role, agent_name, model_id, wp_id, mt_id,
        isolation, worktree_path, git_dir, branch, target_branch, base_rev, in_scope_paths_json, budgets_json, commands_used, degraded,
        degraded_reason, host_pid, workspace_id, created_at, updated_at, closed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, NULL, ?, ?, ?, ?)`,
    )
    .run(
      session.id, session.parent, session.spawnDepth, session.state, session.stateReason, session.role, session.agent, session.model,
      session.wp, session.mt, session.isolation, session.worktree, session.gitDir, session.branch, session.target, session.baseRev,
      JSON.stringify(session.scope), JSON.stringify(session.budgets), session.degraded ? 1 : 0, session.degradedReason,
      session.workspaceId, session.createdAt, session.updatedAt, session.closedAt,
    );
}

export function insertSession(ws: Workspace, session: SessionRecord, recheck: () => void): void {
  immediate(ws.db, () => {
    recheck();
    insertRow(ws, session);
  });
}

interface Holder {
  session: SessionRecord;
  globs: string[];
}

function activeHolders(ws: Workspace, worktree: string): Holder[] {
  const rows = ws.db
    .prepare(
      `SELECT s.*, l.glob AS l_glob FROM scope_locks l JOIN model_sessions s ON s.session_id = l.session_id
       WHERE l.worktree_path = ? AND l.released_at IS NULL AND s.state NOT IN ('completed', 'failed', 'cancelled') ORDER BY s.session_id`,
    )
    .all(worktree) as (Parameters<typeof fromRow>[0] & { l_glob: string })[];
  const holders = new Map<string, Holder>();
  for (const row of rows) {
    const holder = holders.get(row.session_id) ?? { session: fromRow(row), globs: [] };
    holder.globs.push(row.l_glob);
    holders.set(row.session_id, holder);
  }
  return [...holders.values()];
}

/** Lock mode: refuses (CX-MM-002) when the new scope could overlap a lock another live session holds in this worktree. */
export function acquireLocksAndInsert(ws: Workspace, session: SessionRecord, override: { allowOverlap: boolean; reason?: string }, recheck: () => void): void {
  const approvedOverlaps: { holder: string; example: string }[] = [];
  const lockIds: string[] = [];
  try {
    immediate(ws.db, () => {
      recheck();
      for (const holder of activeHolders(ws, session.worktree)) {
        const overlap = scopesMayOverlap(session.scope, holder.globs);
        if (!overlap.overlap) continue;
        if (!override.allowOverlap) {
          throw new HsError("CX-MM-002", `scope of '${session.id}' overlaps locks held by session '${holder.session.id}': e.g. '${overlap.example}' (${overlap.globs[0]} ~ ${overlap.globs[1]})`, {
            hint: `hs lock list   # wait for '${holder.session.id}' to finish, narrow --scope, or as operator add: --allow-overlap --reason 'why both may write'`,
            details: { holder: holder.session.id, example: overlap.example, globs: overlap.globs },
          });
        }
        approvedOverlaps.push({ holder: holder.session.id, example: overlap.example });
      }
      insertRow(ws, session);
      const insert = ws.db.prepare(
        "INSERT INTO scope_locks (lock_id, session_id, glob, worktree_path, acquired_at, overlap_override_reason) VALUES (?, ?, ?, ?, ?, ?)",
      );
      for (const glob of session.scope) {
        const lockId = `lk-${crypto.randomBytes(4).toString("hex")}`;
        lockIds.push(lockId);
        insert.run(lockId, session.id, glob, session.worktree, session.createdAt, approvedOverlaps.length ? (override.reason ?? null) : null);
      }
    });
  } catch (error) {
    if (error instanceof HsError && error.code === "CX-MM-002") {
      ws.record({ type: "lock.conflict", actor: "system", session_id: session.id, payload: { code: "CX-MM-002", ...error.details, scope: session.scope } });
    }
    throw error;
  }
  refreshLockMarker(ws, session.worktree, session.gitDir);
  for (const overlap of approvedOverlaps) {
    ws.record({ type: "lock.overlap_approved", actor: "human", session_id: session.id, payload: { ...overlap, reason: override.reason } });
  }
  ws.record({ type: "lock.acquired", actor: "system", session_id: session.id, payload: { lock_ids: lockIds, globs: session.scope, worktree: session.worktree } });
}

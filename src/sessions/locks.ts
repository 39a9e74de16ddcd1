// File-scope locks: listing and releasing. Acquisition happens with session creation (insert.ts).
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { refreshLockMarker } from "../registry/markers.ts";
import type { SessionRecord } from "../registry/sessions.ts";

export interface LockRow {
  lock_id: string;
  session_id: string;
  glob: string;
  worktree_path: string;
  acquired_at: string;
  released_at: string | null;
  release_reason: string | null;
  overlap_override_reason: string | null;
}

export function listLocks(ws: Workspace, options: { all?: boolean } = {}): LockRow[] {
  const where = options.all ? "" : "WHERE released_at IS NULL";
  return ws.db.prepare(`SELECT * FROM scope_locks ${where} ORDER BY acquired_at, lock_id`).all() as LockRow[];
}

export function releaseSessionLocks(ws: Workspace, session: SessionRecord, reason: string): string[] {
  const held = ws.db.prepare("SELECT lock_id FROM scope_locks WHERE session_id = ? AND released_at IS NULL").all(session.id) as { lock_id: string }[];
  if (!held.length) return [];
  ws.db.prepare("UPDATE scope_locks SET released_at = ?, release_reason = ? WHERE session_id = ? AND released_at IS NULL").run(new Date().toISOString(), reason, session.id);
  refreshLockMarker(ws, session.worktree, session.gitDir);
  const ids = held.map((row) => row.lock_id);
  ws.record({ type: "lock.released", actor: "human", session_id: session.id, payload: { lock_ids: ids, reason } });
  return ids;
}

export function releaseLock(ws: Workspace, lockId: string, reason: string): LockRow {
  const lock = ws.db.prepare("SELECT * FROM scope_locks WHERE lock_id = ? AND released_at IS NULL").get(lockId) as LockRow | undefined;
  if (!lock) throw new HsError("HS-LOCK-NOT-FOUND", `no active lock '${lockId}'`, { hint: "hs lock list" });
  ws.db.prepare("UPDATE scope_locks SET released_at = ?, release_reason = ? WHERE lock_id = ?").run(new Date().toISOString(), reason, lockId);
  const session = ws.db.prepare("SELECT git_dir FROM model_sessions WHERE session_id = ?").get(lock.session_id) as { git_dir: string };
  refreshLockMarker(ws, lock.worktree_path, session.git_dir);
  ws.record({ type: "lock.released", actor: "human", session_id: lock.session_id, payload: { lock_ids: [lockId], glob: lock.glob, reason, by: "operator" } });
  return lock;
}

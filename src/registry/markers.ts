// Files derived from the registry that hooks and the shim read instead of the database (formats in docs/internals.md).
import fs from "node:fs";
import path from "node:path";
import type { Workspace } from "./workspace.ts";
import type { SessionRecord } from "./sessions.ts";
import { fromRow, sessionDir } from "./sessions.ts";
import { writeJsonAtomic } from "./atomic-write.ts";

export const SESSION_MARKER = "hs-session.json";
export const LOCK_MARKER = "hs-lock-sessions.json";

// The session can write in its git dir: the helper creates the temp file exclusively (a planted symlink is never followed).
const writeAtomic = (file: string, value: unknown) => writeJsonAtomic(file, value);

/** Rewrites what hooks read for this session from the current workspace.json (governance, protected branches). */
export function refreshSessionMarkers(ws: Workspace, session: SessionRecord): void {
  if (session.isolation === "worktree") return writeSessionMarker(ws, session);
  refreshLockMarker(ws, session.worktree, session.gitDir);
  // A lock session that commits on its own branch has a marker in its own admin dir (sessions/lock-git.ts).
  const adminDir = path.join(sessionDir(ws, session.id), "git");
  if (fs.existsSync(path.join(adminDir, SESSION_MARKER))) writeAtomic(path.join(adminDir, SESSION_MARKER), sessionMarker(ws, session));
}

export function sessionMarker(ws: Workspace, session: SessionRecord): Record<string, unknown> {
  return {
    schema: "hs.session-marker@1",
    session_id: session.id,
    workspace_id: ws.config.workspace_id,
    handshake_dir: ws.loc.handshakeDir,
    worktree: session.worktree,
    branch: session.branch,
    ref_namespace: `refs/heads/hs/${session.id}/`,
    scope: session.scope,
    governance: ws.config.governance_paths,
    protected_branches: ws.config.protected_branches,
    target_branch: session.target,
  };
}

export function writeSessionMarker(ws: Workspace, session: SessionRecord): void {
  writeAtomic(path.join(session.gitDir, SESSION_MARKER), sessionMarker(ws, session));
}

/** Rewrites (or removes) the lock marker of one worktree from the active locks in the index. */
export function refreshLockMarker(ws: Workspace, worktree: string, gitDir: string): void {
  const rows = ws.db
    .prepare(
      `SELECT s.*, l.lock_id AS l_lock_id, l.glob AS l_glob FROM scope_locks l JOIN model_sessions s ON s.session_id = l.session_id
       WHERE l.worktree_path = ? AND l.released_at IS NULL ORDER BY s.session_id, l.lock_id`,
    )
    .all(worktree) as (Parameters<typeof fromRow>[0] & { l_lock_id: string; l_glob: string })[];
  const file = path.join(gitDir, LOCK_MARKER);
  if (!rows.length) {
    fs.rmSync(file, { force: true });
    return;
  }
  const sessions = new Map<string, { session_id: string; scope: string[]; locks: { lock_id: string; glob: string }[] }>();
  for (const row of rows) {
    const session = fromRow(row);
    const entry = sessions.get(session.id) ?? { session_id: session.id, scope: session.scope, locks: [] };
    entry.locks.push({ lock_id: row.l_lock_id, glob: row.l_glob });
    sessions.set(session.id, entry);
  }
  writeAtomic(file, { schema: "hs.lock-sessions@1", worktree, governance: ws.config.governance_paths, protected_branches: ws.config.protected_branches, sessions: [...sessions.values()] });
}

/** The linkage file that lets `hs rebuild` find the session again after devcc.db is deleted. */
export function linkageRecord(ws: Workspace, session: SessionRecord): Record<string, unknown> {
  return {
    schema: "hs.session-link@1",
    workspace_id: ws.config.workspace_id,
    project_id: ws.config.project_id,
    session_id: session.id,
    parent_session_id: session.parent,
    spawn_depth: session.spawnDepth,
    role: session.role,
    agent: session.agent,
    model: session.model,
    wp_id: session.wp,
    mt_id: session.mt,
    isolation: session.isolation,
    worktree: path.relative(ws.loc.mainRoot, session.worktree) || ".",
    branch: session.branch,
    target_branch: session.target,
    base_rev: session.baseRev,
    scope: session.scope,
    budgets: session.budgets,
    degraded: session.degraded,
    degraded_reason: session.degradedReason,
    created_at: session.createdAt,
  };
}

export function writeLinkage(ws: Workspace, session: SessionRecord, sessionDir: string): void {
  const record = linkageRecord(ws, session);
  fs.mkdirSync(sessionDir, { recursive: true });
  writeAtomic(path.join(sessionDir, "session.json"), record);
  if (session.isolation === "worktree") {
    fs.mkdirSync(path.join(session.worktree, ".handshake"), { recursive: true });
    writeAtomic(path.join(session.worktree, ".handshake", "session.json"), record);
  }
}

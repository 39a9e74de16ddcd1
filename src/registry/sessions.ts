// Session records in devcc.db (model_sessions) and their state machine. Every transition is an FR event.
import path from "node:path";
import type { Workspace } from "./workspace.ts";
import type { Actor } from "./event-types.ts";
import { HsError } from "../errors.ts";
import { immediate } from "./sqlite.ts";
import { checkTransition } from "./session-transitions.ts";
import { contains } from "../ops/paths.ts";

export const SESSION_STATES = ["created", "active", "paused", "blocked", "completed", "failed", "cancelled"] as const;
export type SessionState = (typeof SESSION_STATES)[number];
/** Terminal states: no transition leaves them (registry/session-transitions.ts). */
export const TERMINAL_STATES: readonly SessionState[] = ["completed", "failed", "cancelled"];
export const ROLES = ["coder", "validator", "human"] as const;
export type SessionRole = (typeof ROLES)[number];
export const ISOLATIONS = ["worktree", "lock"] as const;
export type Isolation = (typeof ISOLATIONS)[number];

export interface SessionBudgets {
  maxMinutes?: number;
  maxCommands?: number;
}

export interface SessionRecord {
  id: string;
  parent: string | null;
  spawnDepth: number;
  state: SessionState;
  stateReason: string | null;
  role: SessionRole;
  agent: string | null;
  model: string | null;
  wp: string | null;
  mt: string | null;
  isolation: Isolation;
  worktree: string;
  gitDir: string;
  branch: string | null;
  target: string | null;
  baseRev: string | null;
  scope: string[];
  budgets: SessionBudgets;
  commandsUsed: number;
  degraded: boolean;
  degradedReason: string | null;
  hostPid: number | null;
  workspaceId: string;
  createdAt: string;
  updatedAt: string;
  /** Set by hs session close: the worktree and branches are gone; the row stays as history. */
  closedAt: string | null;
}

interface SessionRow {
  session_id: string;
  parent_session_id: string | null;
  spawn_depth: number;
  state: SessionState;
  state_reason: string | null;
  role: SessionRole;
  agent_name: string | null;
  model_id: string | null;
  wp_id: string | null;
  mt_id: string | null;
  isolation: Isolation;
  worktree_path: string;
  git_dir: string;
  branch: string | null;
  target_branch: string | null;
  base_rev: string | null;
  in_scope_paths_json: string;
  budgets_json: string;
  commands_used: number;
  degraded: number;
  degraded_reason: string | null;
  host_pid: number | null;
  workspace_id: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export function fromRow(row: SessionRow): SessionRecord {
  return {
    id: row.session_id,
    parent: row.parent_session_id,
    spawnDepth: row.spawn_depth,
    state: row.state,
    stateReason: row.state_reason,
    role: row.role,
    agent: row.agent_name,
    model: row.model_id,
    wp: row.wp_id,
    mt: row.mt_id,
    isolation: row.isolation,
    worktree: row.worktree_path,
    gitDir: row.git_dir,
    branch: row.branch,
    target: row.target_branch,
    baseRev: row.base_rev,
    scope: JSON.parse(row.in_scope_paths_json) as string[],
    budgets: JSON.parse(row.budgets_json) as SessionBudgets,
    commandsUsed: row.commands_used,
    degraded: row.degraded === 1,
    degradedReason: row.degraded_reason,
    hostPid: row.host_pid,
    workspaceId: row.workspace_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at ?? null,
  };
}

export function isTerminal(state: SessionState): boolean {
  return TERMINAL_STATES.includes(state);
}

export function isLive(state: SessionState): boolean {
  return !isTerminal(state);
}

export function findSession(ws: Workspace, id: string): SessionRecord | undefined {
  const row = ws.db.prepare("SELECT * FROM model_sessions WHERE session_id = ?").get(id) as SessionRow | undefined;
  return row ? fromRow(row) : undefined;
}

export function getSession(ws: Workspace, id: string): SessionRecord {
  const session = findSession(ws, id);
  if (!session) throw new HsError("HS-SESSION-NOT-FOUND", `no session '${id}'`, { hint: "hs session list" });
  return session;
}

/** Sessions in creation order; closed ones only with `closed: true` (they are history, not work). */
export function listSessions(ws: Workspace, filter: { state?: SessionState; closed?: boolean } = {}): SessionRecord[] {
  const rows = filter.state
    ? ws.db.prepare("SELECT * FROM model_sessions WHERE state = ? ORDER BY created_at, session_id").all(filter.state)
    : ws.db.prepare("SELECT * FROM model_sessions ORDER BY created_at, session_id").all();
  return (rows as SessionRow[]).map(fromRow).filter((session) => filter.closed || session.closedAt === null);
}

export function markClosed(ws: Workspace, id: string, at: string): void {
  ws.db.prepare("UPDATE model_sessions SET closed_at = ?, updated_at = ? WHERE session_id = ?").run(at, at, id);
}

export function childrenOf(ws: Workspace, id: string): SessionRecord[] {
  const rows = ws.db.prepare("SELECT * FROM model_sessions WHERE parent_session_id = ? ORDER BY created_at").all(id) as SessionRow[];
  return rows.map(fromRow);
}

/** The worktree-mode session whose worktree contains the path (segment-aware), if any. */
export function sessionForPath(ws: Workspace, absolutePath: string): SessionRecord | undefined {
  return listSessions(ws)
    .filter((session) => session.isolation === "worktree")
    .find((session) => contains(session.worktree, absolutePath));
}

export function sessionDir(ws: Workspace, id: string): string {
  return path.join(ws.loc.handshakeDir, "sessions", id);
}

/** The only way a session's state changes: checked against SESSION_TRANSITIONS, recorded as session.state_change. */
export function transitionSession(ws: Workspace, id: string, to: SessionState, reason: string, actor: Actor): SessionRecord {
  const { from, session } = immediate(ws.db, () => {
    const current = getSession(ws, id);
    const check = checkTransition(current.state, to);
    if (!check.ok && check.code === "HS-SESSION-TERMINAL") {
      throw new HsError("HS-SESSION-TERMINAL", `session '${id}' is ${current.state}; terminal states are final`, { hint: `hs session show ${id}` });
    }
    if (!check.ok) {
      throw new HsError("HS-STATE-TRANSITION", `session '${id}' cannot go from ${current.state} to ${to}`, {
        hint: `hs session show ${id}`,
        details: { from: current.state, to },
      });
    }
    if (check.noop) return { from: current.state, session: current };
    const now = new Date().toISOString();
    ws.db.prepare("UPDATE model_sessions SET state = ?, state_reason = ?, updated_at = ? WHERE session_id = ?").run(to, reason, now, id);
    return { from: current.state, session: { ...current, state: to, stateReason: reason, updatedAt: now } };
  });
  if (from !== to) {
    ws.record({
      type: "session.state_change",
      actor,
      session_id: id,
      wp_id: session.wp,
      mt_id: session.mt,
      payload: { session_id: id, from_state: from, to_state: to, reason },
    });
  }
  return session;
}

const FIELD_COLUMNS = { hostPid: "host_pid", commandsUsed: "commands_used", stateReason: "state_reason" } as const satisfies Record<string, string>;

export function updateSessionFields(ws: Workspace, id: string, fields: Partial<{ hostPid: number | null; commandsUsed: number; stateReason: string }>): void {
  const entries = Object.entries(fields) as [keyof typeof FIELD_COLUMNS, unknown][];
  if (!entries.length) return;
  const sets = entries.map(([key]) => `${FIELD_COLUMNS[key]} = ?`).join(", ");
  ws.db.prepare(`UPDATE model_sessions SET ${sets}, updated_at = ? WHERE session_id = ?`).run(...entries.map(([, value]) => value), new Date().toISOString(), id);
}

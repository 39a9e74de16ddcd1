// Crash recovery: a session that claims `active` (or `blocked`) with no live host is moved to `paused` with
// reason crash_recovery. Locks are kept and nothing in the worktree is touched; `hs session resume` starts
// a new host. Called whenever hs looks at sessions (list, show, shell, run, pause, resume).
import type { Workspace } from "../registry/workspace.ts";
import { listSessions, transitionSession, updateSessionFields, type SessionRecord } from "../registry/sessions.ts";
import { getHostRecord, hostIsAlive, looksLikeHost, updateHostRecord } from "./host-record.ts";
import { cmdline, isAlive } from "./proc.ts";

export function sessionHostAlive(ws: Workspace, session: SessionRecord): boolean {
  const record = getHostRecord(ws, session.id);
  if (record && record.hostPid === session.hostPid) return hostIsAlive(record);
  // A host that died before writing its record: trust only a pid that is alive and looks like our host.
  return session.hostPid !== null && isAlive(session.hostPid) && looksLikeHost(cmdline(session.hostPid), session.id);
}

export function recoverCrashedSessions(ws: Workspace): string[] {
  const recovered: string[] = [];
  const candidates = [...listSessions(ws, { state: "active" }), ...listSessions(ws, { state: "blocked" }).filter((session) => session.hostPid !== null)];
  for (const session of candidates) {
    if (sessionHostAlive(ws, session)) continue;
    const record = getHostRecord(ws, session.id);
    try {
      transitionSession(ws, session.id, "paused", "crash_recovery", "system");
    } catch {
      continue; // someone else moved it first
    }
    updateSessionFields(ws, session.id, { hostPid: null });
    if (record && !record.endedAt) updateHostRecord(ws, session.id, { endedAt: new Date().toISOString() });
    ws.record({
      type: "session_recovery_attempted",
      actor: "system",
      session_id: session.id,
      wp_id: session.wp,
      mt_id: session.mt,
      payload: {
        session_id: session.id,
        reason: "crash_recovery",
        from_state: session.state,
        to_state: "paused",
        host_pid: session.hostPid,
        last_heartbeat_at: record?.heartbeatAt ?? null,
        locks_kept: true,
        next: `hs session resume ${session.id}`,
      },
    });
    recovered.push(session.id);
  }
  return recovered;
}

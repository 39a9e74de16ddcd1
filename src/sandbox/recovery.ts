// Crash recovery: a session that claims `active` (or `blocked`) with no live host is moved to `paused` with
// reason crash_recovery. Locks are kept and nothing in the worktree is touched; `hs session resume` starts
// a new host. Called whenever hs looks at sessions (list, show, shell, run, pause, resume).
// A host that crashed POISON_AFTER_CRASHES times in a row without one clean stop is poisoned (the spec's
// JobState Poisoned): the session goes to `failed`, its locks are released, and its work stays for merge-back.
import type { Workspace } from "../registry/workspace.ts";
import { openFlightRecorder } from "../registry/flight-recorder.ts";
import { listSessions, transitionSession, updateSessionFields, type SessionRecord } from "../registry/sessions.ts";
import { releaseSessionLocks } from "../sessions/locks.ts";
import { getHostRecord, hostIsAlive, looksLikeHost, updateHostRecord } from "./host-record.ts";
import { cmdline, isAlive } from "./proc.ts";

export function sessionHostAlive(ws: Workspace, session: SessionRecord): boolean {
  const record = getHostRecord(ws, session.id);
  if (record && record.hostPid === session.hostPid) return hostIsAlive(record);
  // A host that died before writing its record: trust only a pid that is alive and looks like our host.
  return session.hostPid !== null && isAlive(session.hostPid) && looksLikeHost(cmdline(session.hostPid), session.id);
}

export const POISON_AFTER_CRASHES = 3;

/** Crash recoveries of this session since its host last stopped cleanly (host.stopped). */
export function crashesSinceCleanStop(ws: Workspace, sessionId: string): number {
  const fr = openFlightRecorder(ws.loc.handshakeDir);
  try {
    const lastStop = fr.query({ session_id: sessionId, type: "host.stopped", last: 1 })[0]?.seq ?? 0;
    return fr.query({ session_id: sessionId, type: "session_recovery_attempted", after_seq: lastStop }).length;
  } finally {
    fr.close();
  }
}

export function recoverCrashedSessions(ws: Workspace): string[] {
  const recovered: string[] = [];
  const candidates = [...listSessions(ws, { state: "active" }), ...listSessions(ws, { state: "blocked" }).filter((session) => session.hostPid !== null)];
  for (const session of candidates) {
    if (sessionHostAlive(ws, session)) continue;
    const record = getHostRecord(ws, session.id);
    const crashes = crashesSinceCleanStop(ws, session.id) + 1;
    const poisoned = crashes >= POISON_AFTER_CRASHES;
    const to = poisoned ? "failed" : "paused";
    try {
      transitionSession(ws, session.id, to, poisoned ? `host_poisoned: crashed ${crashes} times without a clean stop` : "crash_recovery", "system");
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
        to_state: to,
        host_pid: session.hostPid,
        last_heartbeat_at: record?.heartbeatAt ?? null,
        consecutive_crashes: crashes,
        locks_kept: !poisoned,
        next: poisoned ? `hs merge-back ${session.id}` : `hs session resume ${session.id}`,
      },
    });
    if (poisoned) releaseSessionLocks(ws, session, `session failed: host crashed ${crashes} times`);
    recovered.push(session.id);
  }
  return recovered;
}

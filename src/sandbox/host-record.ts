// The session_hosts row (migration 0005): one per session, rewritten by each new host; active time and
// tripped budgets carry over so a resumed session keeps its budget history.
import type { Workspace } from "../registry/workspace.ts";
import { cmdline, readProc } from "./proc.ts";

export interface HostRecord {
  sessionId: string;
  hostPid: number;
  hostStartTicks: number;
  childPid: number | null;
  mode: "shell" | "run";
  detached: boolean;
  argv: string[];
  sandboxed: boolean;
  logPath: string | null;
  socketPath: string | null;
  activeMs: number;
  budgetsTripped: string[];
  stopRequested: string | null;
  startedAt: string;
  heartbeatAt: string;
  endedAt: string | null;
  exitCode: number | null;
}

interface Row {
  session_id: string;
  host_pid: number;
  host_start_ticks: number;
  child_pid: number | null;
  mode: "shell" | "run";
  detached: number;
  argv_json: string;
  sandboxed: number;
  log_path: string | null;
  socket_path: string | null;
  active_ms: number;
  budgets_tripped_json: string;
  stop_requested: string | null;
  started_at: string;
  heartbeat_at: string;
  ended_at: string | null;
  exit_code: number | null;
}

function fromRow(row: Row): HostRecord {
  return {
    sessionId: row.session_id,
    hostPid: row.host_pid,
    hostStartTicks: row.host_start_ticks,
    childPid: row.child_pid,
    mode: row.mode,
    detached: row.detached === 1,
    argv: JSON.parse(row.argv_json) as string[],
    sandboxed: row.sandboxed === 1,
    logPath: row.log_path,
    socketPath: row.socket_path,
    activeMs: row.active_ms,
    budgetsTripped: JSON.parse(row.budgets_tripped_json) as string[],
    stopRequested: row.stop_requested,
    startedAt: row.started_at,
    heartbeatAt: row.heartbeat_at,
    endedAt: row.ended_at,
    exitCode: row.exit_code,
  };
}

export function getHostRecord(ws: Workspace, sessionId: string): HostRecord | undefined {
  const row = ws.db.prepare("SELECT * FROM session_hosts WHERE session_id = ?").get(sessionId) as Row | undefined;
  return row ? fromRow(row) : undefined;
}

export function startHostRecord(
  ws: Workspace,
  input: { sessionId: string; mode: "shell" | "run"; detached: boolean; argv: string[]; sandboxed: boolean; logPath: string | null; socketPath: string },
): void {
  const now = new Date().toISOString();
  const ticks = readProc(process.pid)?.startTicks ?? 0;
  ws.db
    .prepare(
      `INSERT INTO session_hosts (session_id, host_pid, host_start_ticks, mode, detached, argv_json, sandboxed, log_path, socket_path, started_at, heartbeat_at)
       VALUES (@id, @pid, @ticks, @mode, @detached, @argv, @sandboxed, @log, @socket, @now, @now)
       ON CONFLICT(session_id) DO UPDATE SET host_pid = @pid, host_start_ticks = @ticks, child_pid = NULL, mode = @mode, detached = @detached,
         argv_json = @argv, sandboxed = @sandboxed, log_path = @log, socket_path = @socket, stop_requested = NULL, started_at = @now,
         heartbeat_at = @now, ended_at = NULL, exit_code = NULL`,
    )
    .run({
      id: input.sessionId,
      pid: process.pid,
      ticks,
      mode: input.mode,
      detached: input.detached ? 1 : 0,
      argv: JSON.stringify(input.argv),
      sandboxed: input.sandboxed ? 1 : 0,
      log: input.logPath,
      socket: input.socketPath,
      now,
    });
}

const COLUMNS = {
  childPid: "child_pid",
  activeMs: "active_ms",
  stopRequested: "stop_requested",
  heartbeatAt: "heartbeat_at",
  endedAt: "ended_at",
  exitCode: "exit_code",
} as const satisfies Record<string, string>;

export function updateHostRecord(
  ws: Workspace,
  sessionId: string,
  fields: Partial<Pick<HostRecord, keyof typeof COLUMNS>> & { budgetsTripped?: string[] },
): void {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(COLUMNS)) {
    if (key in fields) {
      sets.push(`${column} = ?`);
      values.push((fields as Record<string, unknown>)[key]);
    }
  }
  if (fields.budgetsTripped) {
    sets.push("budgets_tripped_json = ?");
    values.push(JSON.stringify(fields.budgetsTripped));
  }
  if (sets.length) ws.db.prepare(`UPDATE session_hosts SET ${sets.join(", ")} WHERE session_id = ?`).run(...values, sessionId);
}

/** True when the recorded host process still runs and is the same process (pid reuse and foreign pids rejected). */
export function hostIsAlive(record: Pick<HostRecord, "hostPid" | "hostStartTicks" | "sessionId" | "endedAt">): boolean {
  if (record.endedAt) return false;
  const info = readProc(record.hostPid);
  if (!info || info.state === "Z" || info.startTicks !== record.hostStartTicks) return false;
  return looksLikeHost(cmdline(record.hostPid), record.sessionId);
}

/** A host is `hs session shell|run|resume ID` or `hs __host ... ID`; anything else holding the pid is not ours. */
export function looksLikeHost(args: readonly string[], sessionId: string): boolean {
  const isHs = args.some((arg) => /(^|\/)hs(\.js)?$/.test(arg));
  const role = args.includes("__host") || (args.includes("session") && (args.includes("shell") || args.includes("run") || args.includes("resume")));
  return isHs && role && args.includes(sessionId);
}

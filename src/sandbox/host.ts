// The session host: owns the session's sandboxed process (pty shell or piped run), serves the gate socket,
// runs the watcher, counts active time for budgets and keeps the session's state true from start to exit.
import fs from "node:fs";
import path from "node:path";
import type { Workspace } from "../registry/workspace.ts";
import { openWorkspaceAsync } from "../registry/workspace-open.ts";
import { findSession, getSession, isTerminal, sessionDir, transitionSession, updateSessionFields, type SessionRecord } from "../registry/sessions.ts";
import { HsError } from "../errors.ts";
import { refreshSessionMarkers } from "../registry/markers.ts";
import { authorize } from "../ops/guard.ts";
import type { Actor } from "../ops/actor.ts";
import { shQuote } from "../shim/shell-quote.ts";
import { bwrapBinary, requireSandbox } from "./availability.ts";
import { programPath } from "./programs.ts";
import { bwrapArgs } from "./profile.ts";
import { INSIDE_SOCKET, sandboxLayout } from "./layout.ts";
import { insideEnv } from "./env.ts";
import { writeHostFiles } from "./host-files.ts";
import { startDaemon, type Daemon } from "./daemon.ts";
import { capsForRun, socketAdmission } from "./limits.ts";
import { hostGate } from "./host-gate.ts";
import { spawnInPty, spawnPiped, type ChildSpec, type RunningChild } from "./child.ts";
import { getHostRecord, startHostRecord, updateHostRecord } from "./host-record.ts";
import { recoverCrashedSessions, sessionHostAlive } from "./recovery.ts";
import { makeBudgetGuard } from "./budget-guard.ts";
import { watchSession, type SessionWatcher } from "./watcher.ts";
import { trackDirty, type DirtyTracker } from "./dirty-tracker.ts";
import { signalTree, terminateTree } from "./signals.ts";
import { setupSessionHome } from "./home-setup.ts";
import { writeGitGlobal } from "./git-global.ts";
import { assertCommandVisible } from "./visibility.ts";
import { briefingText, writeBriefing } from "./briefing.ts";
import { approvalWaitSeconds } from "../shim/approval-wait.ts";
import { checkpointSettings } from "../registry/config-values.ts";
import { trace } from "../trace.ts";

/** The gate's modules load in the background this long after the command started (at once on a first request). */
const GATE_PRELOAD_MS = 50;

export interface HostOptions {
  sessionId: string;
  /** Who starts it: the operator, or a session for itself or a descendant (checked by the guard). */
  actor: Actor;
  mode: "shell" | "run";
  /** run: the command; shell: ignored. */
  command: string[];
  detached: boolean;
  cwd: string;
  logPath?: string | null;
}

export async function runHost(options: HostOptions): Promise<number> {
  const ws = await openWorkspaceAsync(options.cwd);
  try {
    return await host(ws, options);
  } finally {
    ws.close();
  }
}

/** The PATH the sandboxed command is looked up in (insideEnv puts the shim and host bin first). */
function insidePath(env: NodeJS.ProcessEnv, dir: string, hostBin: string): string {
  return `${path.join(dir, "bin")}:${hostBin}:${env.PATH ?? "/usr/local/bin:/usr/bin:/bin"}`;
}

function shellCommand(rcFile: string): string[] {
  return fs.existsSync("/bin/bash") ? ["/bin/bash", "--rcfile", rcFile, "-i"] : ["/bin/sh", "-i"];
}

async function host(ws: Workspace, options: HostOptions): Promise<number> {
  const id = options.sessionId;
  recoverCrashedSessions(ws);
  authorize(ws, options.actor, `session ${options.mode} ${shQuote(id)}`, { who: "session-tree", session: id });
  let session = getSession(ws, id);
  if (isTerminal(session.state)) throw new HsError("HS-SESSION-TERMINAL", `session '${id}' is ${session.state}`, { hint: `hs session show ${id}` });
  if (sessionHostAlive(ws, session)) {
    throw new HsError("HS-HOST-RUNNING", `session '${id}' already has a live host (pid ${session.hostPid})`, { hint: `hs session pause ${id}   # or stop it for good: hs session cancel ${id}` });
  }
  // workspace.json may have changed since creation (governance, protected branches): hooks read the markers.
  refreshSessionMarkers(ws, session);
  const sandboxed = !session.degraded;
  if (sandboxed) requireSandbox(id, path.join(ws.loc.handshakeDir, "cache"));
  const dir = sessionDir(ws, id);
  fs.mkdirSync(dir, { recursive: true });
  const files = writeHostFiles(dir);
  const shell = options.mode === "shell";
  const notify = (line: string) => (shell ? process.stdout.write(`\r\n${line}\r\n`) : process.stderr.write(`${line}\n`));
  const command = shell ? shellCommand(files.rcFile) : options.command;
  // Everything that can refuse comes before the session turns active: a refusal starts nothing.
  const home = sandboxed ? setupSessionHome(ws, session) : null;
  if (!home) writeGitGlobal(dir, process.env, path.join(ws.loc.handshakeDir, "cache"));
  const profile = sandboxed
    ? sandboxLayout({ ws, session, socketHostPath: files.socket, seccompFd: 3, newSession: !shell, command, cwd: options.cwd, home: home?.mounts ?? null })
    : null;
  if (profile && !shell) assertCommandVisible(id, command[0] ?? "", options.cwd, insidePath(process.env, dir, files.hostBin), profile);
  const briefing = briefingText({ session, governance: ws.config.governance_paths, home: home?.mounts.home ?? null, approvalSeconds: approvalWaitSeconds(ws) });
  const briefingFile = writeBriefing(files.hostBin, briefing);
  // Before anything starts: a layout that cannot be built (e.g. a lock scope through a symlink) refuses above.
  const args = profile ? bwrapArgs(profile) : null;

  const caps = capsForRun(ws, id);
  trace("host: checks done");

  let child: RunningChild | undefined;
  let dirty: DirtyTracker | undefined;
  const budget = makeBudgetGuard(ws, id, { stop: () => child && signalTree(child.pid, "SIGSTOP"), notify });
  const settings = checkpointSettings(ws.config);
  const gate = hostGate({
    ws,
    sessionId: id,
    sandboxed,
    afterGate: () => budget.check(),
    // Started once the command runs (its first status scan is off the start-up path); until then the radar scans.
    dirty: () => dirty?.snapshot(),
    checkpoints: { debounceMs: settings.debounce_ms, minIntervalMs: settings.min_interval_seconds * 1000 },
    notify,
  });
  // Watching starts before the command: the walk goes on in batches while the rest starts, and folders it reaches
  // after the command started report what changed in them since (reportSince), so no early write goes unflagged.
  const watcher = startWatcher(ws, session, notify, (relative) => (dirty?.touched(relative), gate.filesChanged()));
  let daemon: Daemon | undefined;
  try {
    startHostRecord(ws, { sessionId: id, mode: options.mode, detached: options.detached, argv: options.command, sandboxed, logPath: options.logPath ?? null, socketPath: files.socket });
    updateSessionFields(ws, id, { hostPid: process.pid });
    daemon = await startDaemon(files.socket, gate.handler, socketAdmission(ws, id));
    if (!sandboxed) {
      ws.record({ type: "sandbox.degraded", actor: "system", session_id: id, payload: { session_id: id, reason: session.degradedReason, mode: options.mode } });
      notify(`hs: session ${id} runs WITHOUT a sandbox (degraded: ${session.degradedReason ?? "waiver"}); only the shim and hooks protect the repository`);
    }
    session = transitionSession(ws, id, "active", `host started (${options.mode}${options.detached ? ", detached" : ""})`, "human");
    await startWork(ws, session, notify);
  } catch (error) {
    gate.stop();
    await watcher?.close();
    await daemon?.close();
    throw error;
  }

  const env = { ...insideEnv({ base: process.env, sessionId: id, shimBin: path.join(dir, "bin"), hostBin: files.hostBin, socket: sandboxed ? INSIDE_SOCKET : files.socket, client: files.client, worktree: session.worktree, sandboxed }), HS_BRIEFING: briefingFile };
  const limits = { procs: caps.cgroup?.procs ?? [], rlimits: caps.rlimits };
  const spec: ChildSpec = args
    ? { file: programPath(bwrapBinary()), args, env, cwd: session.worktree, seccompFile: files.seccompFile, caps: limits, homeLayer: home?.layer ?? null }
    : { file: command[0] ?? "/bin/sh", args: command.slice(1), env, cwd: session.worktree, seccompFile: null, caps: limits };
  process.stderr.write(shell ? briefing.replace(/\n/g, "\r\n") : briefing);
  watcher?.reportSince(Date.now());
  trace("host: starting the command");
  child = shell
    ? await spawnInPty(spec, { input: process.stdin, output: process.stdout })
    : spawnPiped(spec, { stdin: options.detached ? null : process.stdin, stdout: process.stdout, stderr: process.stderr });
  const running = child;
  trace("host: command started");
  gate.preload(GATE_PRELOAD_MS);
  // Worktree sessions only: a lock session's files are the main checkout's, which the radar scans itself. Its first
  // scan (next turn of the event loop) imports the session's objects before the host serves any gated command.
  if (session.isolation === "worktree") dirty = trackDirty(ws, session);
  updateHostRecord(ws, id, { childPid: running.pid });
  ws.record({ type: "host.started", actor: "system", session_id: id, wp_id: session.wp, mt_id: session.mt, payload: { mode: options.mode, detached: options.detached, argv: options.command, sandboxed, host_pid: process.pid, child_pid: running.pid, log: options.logPath ?? null, limits: caps.applied } });

  const ticker = setInterval(() => budget.tick(), Number(process.env.HS_HOST_TICK_MS) || 1000);
  const onTerminate = () => void terminateTree(running.pid, 3000);
  const onInterrupt = () => signalTree(running.pid, "SIGINT");
  process.on("SIGTERM", onTerminate);
  process.on("SIGHUP", onTerminate);
  if (!shell) process.on("SIGINT", onInterrupt);

  const startedAt = Date.now();
  const code = await running.exited;
  trace("host: command exited");
  try {
    clearInterval(ticker);
    budget.tick();
    process.off("SIGTERM", onTerminate);
    process.off("SIGHUP", onTerminate);
    process.off("SIGINT", onInterrupt);
    if (!options.detached) process.stdin.pause();
    await watcher?.close();
    dirty?.close();
    caps.cgroup?.remove();
    gate.stop();
    // Withdraws waits still open (their waiter is gone with the command) while the index is still open.
    await daemon.close();
    if (options.mode === "run") {
      // FR-EVT-001: the command and its outcome; output stays in the terminal or the session log, never inline.
      ws.record({ type: "terminal_command", actor: "agent", session_id: id, wp_id: session.wp, mt_id: session.mt, payload: { session_id: id, cwd: options.cwd, command: options.command[0] ?? "", args: options.command.slice(1), exit_code: code, duration_ms: Date.now() - startedAt, stdout_ref: options.logPath ?? null } });
    }
    finish(ws, id, code, options);
  } catch (error) {
    // The agent's exit code is the answer; bookkeeping that failed is reported, never turned into a crash.
    process.stderr.write(`hs: session ${id}: cleaning up after the command failed: ${(error as Error).message}\n  next: hs session show ${id}\n`);
  }
  return code;
}

/** The session's tree watcher, or undefined (said in the terminal) when it cannot run: the session runs anyway. */
function startWatcher(
  ws: Workspace,
  session: SessionRecord,
  notify: (line: string) => void,
  onChange: (relative: string) => void,
): SessionWatcher | undefined {
  try {
    return watchSession(ws, session, { notify, onChange });
  } catch (error) {
    notify(`hs: file watcher not running: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * A bound session's start moves its micro-task and work packet to in_progress; a bad record must not stop the session.
 * The work-tracking code (and its schemas) is loaded only for sessions bound to a micro-task.
 */
async function startWork(ws: Workspace, session: SessionRecord, notify: (line: string) => void): Promise<void> {
  if (!session.mt) return;
  try {
    const { startBoundWork } = await import("../work/binding.ts");
    startBoundWork(ws, session);
  } catch (error) {
    notify(`hs: warning: ${session.mt} was not moved to in_progress: ${(error as Error).message}`);
  }
}

function finish(ws: Workspace, id: string, code: number, options: HostOptions): void {
  const record = getHostRecord(ws, id);
  updateHostRecord(ws, id, { endedAt: new Date().toISOString(), exitCode: code });
  updateSessionFields(ws, id, { hostPid: null });
  const current = findSession(ws, id);
  if (current && !isTerminal(current.state) && !record?.stopRequested && current.state !== "paused") {
    const reason = options.mode === "shell" ? "shell detached" : `command exited ${code}`;
    transitionSession(ws, id, "paused", reason, "system");
  }
  ws.record({ type: "host.stopped", actor: "system", session_id: id, payload: { mode: options.mode, exit_code: code, active_ms: record?.activeMs ?? 0, stop_requested: record?.stopRequested ?? null } });
}

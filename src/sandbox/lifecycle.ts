// Pause, continue and end a session's whole process tree. The host records the sandbox's root pid;
// signals reach every descendant and every process in the sandbox's pid namespace.
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { getHostRecord, hostIsAlive, updateHostRecord } from "./host-record.ts";
import { signalPids, signalTree, terminateTree, waitGone } from "./signals.ts";
import { isAlive } from "./proc.ts";

export const TERM_GRACE_MS = 3000;

/** The live host's sandbox root pid, or undefined when nothing of the session runs. */
export function liveChild(ws: Workspace, sessionId: string): { hostPid: number; childPid: number | null } | undefined {
  const record = getHostRecord(ws, sessionId);
  if (!record || !hostIsAlive(record)) return undefined;
  return { hostPid: record.hostPid, childPid: record.childPid };
}

export function stopSessionTree(ws: Workspace, sessionId: string): number[] {
  const live = liveChild(ws, sessionId);
  return live?.childPid ? signalTree(live.childPid, "SIGSTOP") : [];
}

export function continueSessionTree(ws: Workspace, sessionId: string): number[] {
  const live = liveChild(ws, sessionId);
  return live?.childPid ? signalTree(live.childPid, "SIGCONT") : [];
}

/**
 * Ends everything the session runs: TERM (+CONT for stopped processes), KILL after the grace period,
 * then the host itself (which is outside the sandbox). The host sees stop_requested and leaves the
 * state to the caller (cancel).
 */
export async function terminateSessionProcesses(ws: Workspace, session: SessionRecord): Promise<void> {
  const record = getHostRecord(ws, session.id);
  if (!record || !hostIsAlive(record)) return;
  updateHostRecord(ws, session.id, { stopRequested: "terminate" });
  if (record.childPid) await terminateTree(record.childPid, TERM_GRACE_MS);
  if (record.hostPid !== process.pid && isAlive(record.hostPid)) {
    signalPids([record.hostPid], "SIGTERM");
    const left = await waitGone([record.hostPid], TERM_GRACE_MS);
    signalPids(left, "SIGKILL");
    await waitGone(left, 1000);
  }
}

// The session verbs: (ws, actor, input) -> result. Each checks its actor with the one guard, performs the
// effect and records its events. The CLI, the session host's socket and the HTTP server only call these.
import fs from "node:fs";
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { getSession, isTerminal, transitionSession, type SessionState } from "../registry/sessions.ts";
import { authorize } from "../ops/guard.ts";
import { SYSTEM, frActor, type Actor } from "../ops/actor.ts";
import { realResolve } from "../ops/paths.ts";
import { shQuote } from "../shim/shell-quote.ts";
import { recoverCrashedSessions } from "../sandbox/recovery.ts";
import { continueSessionTree, liveChild, stopSessionTree } from "../sandbox/lifecycle.ts";
import { getHostRecord } from "../sandbox/host-record.ts";
import { startDetachedHost } from "../sandbox/detach.ts";
import { requireSandbox } from "../sandbox/availability.ts";
import { createSession, type CreateOptions, type CreateResult } from "./create.ts";
import { cancelSession, type CancelResult } from "./cancel.ts";
import { takeCheckpoint } from "../checkpoints/index.ts";
import { releaseLock, type LockRow } from "./locks.ts";

/** A session creates only children of itself; waivers and overlaps are the operator's. */
export async function createSessionOp(ws: Workspace, actor: Actor, input: CreateOptions): Promise<CreateResult> {
  const verb = createVerb(input);
  if (input.allowOverlap) authorize(ws, actor, verb, { who: "operator" });
  if (input.noSandbox) authorize(ws, actor, verb, { who: "operator" });
  if (!input.parent) authorize(ws, actor, verb, { who: "operator" });
  else authorize(ws, actor, verb, { who: "self", session: input.parent });
  return createSession(ws, { ...input, cwd: realResolve(input.cwd), actor: frActor(actor) });
}

function createVerb(input: CreateOptions): string {
  const flags = [
    ...(input.parent ? ["--parent", input.parent] : []),
    ...(input.isolation === "lock" ? ["--isolation", "lock"] : []),
    ...(input.allowOverlap ? ["--allow-overlap"] : []),
    ...(input.noSandbox ? ["--no-sandbox"] : []),
  ];
  const scope = input.scope.flatMap((glob) => ["--scope", shQuote(glob)]);
  return ["session", "create", ...scope, ...flags.map(shQuote)].join(" ");
}

function liveSession(ws: Workspace, id: string) {
  const session = getSession(ws, id);
  if (isTerminal(session.state)) {
    throw new HsError("HS-SESSION-TERMINAL", `session '${id}' is ${session.state}`, { hint: `hs session show ${id}` });
  }
  return session;
}

export interface PauseResult {
  session_id: string;
  state: SessionState;
  stopped_pids: number[];
}

export function pauseSessionOp(ws: Workspace, actor: Actor, input: { id: string; reason?: string }): PauseResult {
  recoverCrashedSessions(ws);
  authorize(ws, actor, `session pause ${shQuote(input.id)}`, { who: "session-tree", session: input.id });
  liveSession(ws, input.id);
  const stopped = stopSessionTree(ws, input.id);
  takeCheckpoint(ws, SYSTEM, { sessionId: input.id, trigger: "pause" });
  const reason = input.reason ?? (actor.kind === "session" ? `paused by ${actor.id}` : "operator pause");
  transitionSession(ws, input.id, "paused", reason, frActor(actor));
  return { session_id: input.id, state: "paused", stopped_pids: stopped };
}

export type ResumeResult =
  | { session_id: string; state: "active"; continued_pids: number[] }
  | { session_id: string; state: "active"; host_pid: number; log: string; argv: string[] };

/** Continues a paused tree, or starts a new background host when none is alive (after a crash or a finished run). */
export async function resumeSessionOp(ws: Workspace, actor: Actor, input: { id: string; command: string[] }): Promise<ResumeResult> {
  recoverCrashedSessions(ws);
  authorize(ws, actor, `session resume ${shQuote(input.id)}`, { who: "session-tree", session: input.id });
  const session = liveSession(ws, input.id);
  if (liveChild(ws, input.id)) {
    const continued = continueSessionTree(ws, input.id);
    transitionSession(ws, input.id, "active", actor.kind === "session" ? `resumed by ${actor.id}` : "operator resume", frActor(actor));
    return { session_id: input.id, state: "active", continued_pids: continued };
  }
  const record = getHostRecord(ws, input.id);
  const again = input.command.length ? input.command : record?.mode === "run" ? record.argv : [];
  if (!again.length) {
    throw new HsError("HS-HOST-NOT-RUNNING", `session '${input.id}' has no running process and no command to restart`, {
      hint: `hs session shell ${input.id}   # or restart a command: hs session resume ${input.id} -- sh`,
    });
  }
  const cwd = fs.existsSync(session.worktree) ? session.worktree : ws.loc.mainRoot;
  const started = await startDetachedHost(ws, input.id, again, cwd);
  return { session_id: input.id, state: "active", host_pid: started.pid, log: started.log, argv: again };
}

/** `hs session run ID --detach`: a background host, started only for the operator or the session's own tree. */
export async function startDetachedOp(
  ws: Workspace,
  actor: Actor,
  input: { id: string; command: string[]; cwd: string },
): Promise<{ pid: number; log: string }> {
  const verb = `session run ${shQuote(input.id)} --detach -- ${input.command.map(shQuote).join(" ")}`;
  authorize(ws, actor, verb, { who: "session-tree", session: input.id });
  if (!liveSession(ws, input.id).degraded) requireSandbox(input.id);
  return startDetachedHost(ws, input.id, input.command, input.cwd);
}

/** Cancels the session and every live descendant; a session may cancel only itself or its own descendants. */
export async function cancelSessionOp(ws: Workspace, actor: Actor, input: { id: string; reason?: string }): Promise<CancelResult> {
  authorize(ws, actor, `session cancel ${shQuote(input.id)}`, { who: "session-tree", session: input.id });
  getSession(ws, input.id);
  const reason = input.reason ?? (actor.kind === "session" ? `cancelled by ${actor.id}` : "cancelled by operator");
  return cancelSession(ws, input.id, reason, frActor(actor));
}

export function releaseLockOp(ws: Workspace, actor: Actor, input: { lockId: string; reason: string }): LockRow {
  authorize(ws, actor, `lock release ${shQuote(input.lockId)} --reason ${shQuote(input.reason)}`, { who: "operator" });
  return releaseLock(ws, input.lockId, input.reason);
}

/**
 * Crash recovery as an explicit operation (what `hs session list/show` run first): sessions that claim to be live
 * with no live host move to paused (or failed when poisoned). Anyone may ask: it only makes the registry true.
 */
export function recoverSessionsOp(ws: Workspace, actor: Actor): { recovered: string[] } {
  authorize(ws, actor, "session recover", { who: "anyone" });
  return { recovered: recoverCrashedSessions(ws) };
}

// What the host answers over its socket: the gate's slow path (decide, wait for the operator, report),
// Flight Recorder writes from hooks and the shim, and `hs` requests from inside (see inside-hs.ts).
import { spawn } from "node:child_process";
import type { Workspace } from "../registry/workspace.ts";
import { getSession } from "../registry/sessions.ts";
import { packagePath } from "../package-root.ts";
import { decideAndRecord } from "../shim/decide.ts";
import { waitForDecision } from "../shim/wait.ts";
import { refusalText, settledText, usedApprovalText, waitingText } from "../shim/messages.ts";
import { insideHsDecision } from "./inside-hs.ts";
import { realContains, realResolve } from "../ops/paths.ts";
import { recordDenial } from "../ops/guard.ts";
import { sessionActor } from "../ops/actor.ts";
import { HsError, formatError } from "../errors.ts";
import { shQuote } from "../shim/shell-quote.ts";
import { limitText, sandboxGitLimit } from "./git-limits.ts";
import type { Handler, ReplyStream } from "./daemon.ts";
import type { HostRequest } from "./protocol.ts";
import type { DirtySnapshot } from "./dirty-tracker.ts";
import { hostScopeVerdict } from "../hooks/host-scope.ts";

/** Event types a session may append through its host; anything else is the host's or the operator's to write. */
export const INSIDE_EVENT_TYPES = ["hook.refused", "hook.allowed", "workspace_isolation.denied", "terminal_command"] as const;

const HEARTBEAT_MS = 250;

export interface HandlerContext {
  ws: Workspace;
  sessionId: string;
  /** Called after each gated command was counted (budget checks). */
  afterGate?: () => void;
  /** Sandboxed sessions get clear refusals for git commands that would hit the read-only shared .git. */
  sandboxed?: boolean;
  /** Called right before a command is let through (the checkpoint of what it may change). */
  beforeAllow?: (argv: string[]) => void;
  /** The watcher-backed dirty files for the radar; absent when this host keeps none (lock sessions). */
  dirty?: () => DirtySnapshot | undefined;
  /** The gate daemon: its clients send their pid, which is then the waiter (as the shim's own Node process was). */
  clientWaits?: boolean;
}

export function makeHandler(ctx: HandlerContext): Handler {
  return async (request, reply, gone) => {
    if (request.verb === "gate") return gate(ctx, request, reply, gone);
    if (request.verb === "event") return event(ctx, request, reply);
    if (request.verb === "hs") return hsRequest(ctx, request, reply);
    if (request.verb === "dirty") return dirtyRequest(ctx, reply);
    if (request.verb === "scope") return hostScopeVerdict(ctx.ws, ctx.sessionId, request.paths);
    return 0;
  };
}

async function gate(ctx: HandlerContext, request: Extract<HostRequest, { verb: "gate" }>, reply: ReplyStream, gone: AbortSignal): Promise<number> {
  const { ws, sessionId } = ctx;
  const tool = request.tool === "rm" ? "rm" : "git";
  const limit = ctx.sandboxed && tool === "git" ? sandboxGitLimit(request.argv, sessionId) : undefined;
  if (limit) {
    reply.stderr(limitText(limit));
    ws.record({ type: "gate.decision", actor: "agent", session_id: sessionId, payload: { tool, argv: [tool, ...request.argv], cwd: request.cwd, decision: "deny", rule: limit.rule, reason: limit.reason, via: "sandbox" } });
    return 77;
  }
  const client = ctx.clientWaits ? request.pid : undefined;
  const outcome = decideAndRecord(ws, sessionId, [tool, ...request.argv], request.cwd, request.env, { waiterPid: client ?? null, privateTmp: ctx.sandboxed === true });
  ctx.afterGate?.();
  if (outcome.decision.decision === "allow") {
    if (outcome.via === "approval") reply.stderr(usedApprovalText(outcome.decision));
    ctx.beforeAllow?.([tool, ...request.argv]);
    return 0;
  }
  if (outcome.decision.decision === "deny" || !outcome.request) {
    reply.stderr(refusalText(outcome.decision));
    return 77;
  }
  reply.stderr(waitingText(outcome.decision, outcome.request, outcome.waitSeconds ?? 90, outcome.attached));
  // The request outlives this connection: a client that dies (Ctrl-C, SIGKILL) only stops this wait.
  const options = { waitSeconds: outcome.waitSeconds ?? 90, pid: client ?? process.pid, via: client ? ("shim" as const) : ("host" as const), gone, interrupted: () => undefined };
  // The client half-closed after its request, so its death shows only when a write fails: an empty frame
  // every 250 ms finds a killed waiter within half a second.
  const heartbeat = setInterval(() => reply.stderr(""), HEARTBEAT_MS);
  let result;
  try {
    result = await waitForDecision(ws, getSession(ws, sessionId), outcome.request, options);
  } finally {
    clearInterval(heartbeat);
  }
  if (!gone.aborted) reply.stderr(settledText(result));
  if (result.status !== "approved") return 77;
  ctx.beforeAllow?.([tool, ...request.argv]);
  return 0;
}

/** The session's own dirty files: nothing it could not read itself, so any client on the socket may ask. */
async function dirtyRequest(ctx: HandlerContext, reply: ReplyStream): Promise<number> {
  const snapshot = ctx.dirty?.();
  // No state, or not scanned yet: the radar falls back to its own status scan rather than report nothing.
  if (!snapshot || snapshot.scanned_at === null) {
    reply.stderr("hs: this session host has no dirty-file state (yet)\n");
    return 1;
  }
  reply.stdout(JSON.stringify(snapshot));
  return 0;
}

async function event(ctx: HandlerContext, request: Extract<HostRequest, { verb: "event" }>, reply: ReplyStream): Promise<number> {
  if (!(INSIDE_EVENT_TYPES as readonly string[]).includes(request.type)) {
    reply.stderr(`hs: deny [host.event-type] a session may not write '${request.type}' events (allowed: ${INSIDE_EVENT_TYPES.join(", ")})\n`);
    return 77;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(request.payload);
  } catch {
    payload = undefined;
  }
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) {
    reply.stderr("hs: deny [host.event-payload] the payload must be a JSON object\n");
    return 77;
  }
  const session = getSession(ctx.ws, ctx.sessionId);
  ctx.ws.record({
    type: request.type as (typeof INSIDE_EVENT_TYPES)[number],
    actor: "agent",
    session_id: session.id,
    wp_id: session.wp,
    mt_id: session.mt,
    payload: { ...(payload as Record<string, unknown>), reported_via: "session-host" },
  });
  return 0;
}

/** Quoted for the `next:` line; a NUL byte cannot be typed, so it is shown escaped. */
function shellWord(word: string): string {
  return shQuote(word.replace(/\0/g, "\\0"));
}

function refuse(ctx: HandlerContext, reply: ReplyStream, verb: string, error: HsError): Promise<number> {
  recordDenial(ctx.ws, sessionActor(ctx.sessionId), verb, error);
  reply.stderr(`${formatError(error)}\n`);
  return Promise.resolve(77);
}

function hsRequest(ctx: HandlerContext, request: Extract<HostRequest, { verb: "hs" }>, reply: ReplyStream): Promise<number> {
  const verb = request.argv.map(shellWord).join(" ");
  const decision = insideHsDecision(request.argv, ctx.sessionId);
  if (!decision.allow) {
    const error = new HsError("HS-OPERATOR-ONLY", `${decision.reason}; refused inside session '${ctx.sessionId}'`, { hint: `hs ${verb}   # the operator runs this in their own terminal` });
    return refuse(ctx, reply, verb, error);
  }
  const session = getSession(ctx.ws, ctx.sessionId);
  // Resolved before the check: `<s1>/../../main-repo` or a symlink in the worktree is not inside s1.
  // Reads only need to find the workspace; an operation's cwd matters (a lock-mode child locks there).
  const resolved = realResolve(request.cwd);
  const inside = realContains(session.worktree, resolved);
  const cwd = inside ? resolved : session.worktree;
  if (!inside && decision.operation) {
    const error = new HsError("HS-PATH-ESCAPE", `the request's working directory ${request.cwd} resolves to ${resolved}, outside session '${ctx.sessionId}' (${session.worktree})`, {
      hint: `cd ${shQuote(session.worktree)} && hs ${verb}`,
      details: { cwd: request.cwd, resolved, worktree: session.worktree },
    });
    return refuse(ctx, reply, verb, error);
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [packagePath("dist", "hs.js"), ...decision.argv], {
      cwd,
      // Not HS_SESSION_ID: the request runs on the host (hooks would scope a child's branch to the parent's
      // namespace). HS_REQUESTED_BY_SESSION makes the session the actor of the operation (ops/current.ts).
      env: { ...process.env, HS_REQUESTED_BY_SESSION: ctx.sessionId },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => reply.stdout(chunk));
    child.stderr.on("data", (chunk: Buffer) => reply.stderr(chunk));
    child.on("error", (error) => {
      reply.stderr(`hs: ${error.message}\n`);
      resolve(1);
    });
    child.on("close", (code) => resolve(code ?? 1));
  });
}

// The slow-path core, shared by the shim's own Node process and the session host daemon: classify,
// consult grants, file an approval request for `ask`, count the command, record it all in the FR.
import path from "node:path";
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { getSession, isTerminal, updateSessionFields } from "../registry/sessions.ts";
import { immediate } from "../registry/sqlite.ts";
import { isGovernancePath, isInScope, relativeToRoot } from "../scope/index.ts";
import { classify, type Decision } from "./policy/index.ts";
import { buildGateContext } from "./context.ts";
import { findGrant, getGrant, recordGrantUse } from "./approvals/grants.ts";
import { shapeOf } from "./approvals/shape.ts";
import type { ApprovalRequest, CommandShape } from "./approvals/types.ts";
import { sessionActor } from "../ops/actor.ts";
import { askOutcome } from "./ask.ts";
import { approvalWaitSeconds } from "./approval-wait.ts";

export { approvalWaitSeconds, DEFAULT_WAIT_SECONDS } from "./approval-wait.ts";

export type GateTool = "git" | "rm";

export interface GateOutcome {
  decision: Decision;
  /**
   * policy: as classified; grant: an `ask` covered by a standing grant; approval: a retry that used an earlier
   * decision (approved: runs; denied: told why); session: the session cannot run commands.
   */
  via: "policy" | "grant" | "approval" | "session";
  grantId?: string;
  /** ask: the request to wait on (new, or the pending one a retry attached to); approval: the one used. */
  request?: ApprovalRequest;
  /** ask: true when a retry attached to a request filed earlier. */
  attached?: boolean;
  /** ask: how long this command waits for the operator before it leaves the request pending. */
  waitSeconds?: number;
}

function sessionRefusal(session: SessionRecord): Decision | undefined {
  if (isTerminal(session.state)) {
    return { decision: "deny", rule: "gate.session-ended", reason: `session '${session.id}' is ${session.state}; it runs no more commands`, hint: `hs session show ${session.id}` };
  }
  if (session.state === "paused") {
    return { decision: "deny", rule: "gate.session-paused", reason: `session '${session.id}' is paused (${session.stateReason ?? "no reason"})`, hint: `ask the operator: hs session resume ${session.id}` };
  }
  return undefined;
}

function safeClassify(ws: Workspace, session: SessionRecord, argv: string[], cwd: string, env: NodeJS.ProcessEnv, privateTmp: boolean): { decision: Decision; ctxCwd: string } {
  try {
    const ctx = buildGateContext(ws, session, argv, cwd, env, privateTmp);
    return { decision: classify(ctx), ctxCwd: ctx.cwd };
  } catch (error) {
    return {
      decision: { decision: "deny", rule: "gate.internal-error", reason: `the gate could not classify this command: ${(error as Error).message}`, hint: "hs doctor" },
      ctxCwd: cwd,
    };
  }
}

/** Only commands that stay inside the session's scope can be covered by a job/workspace grant. */
export function staysInScope(session: SessionRecord, governance: readonly string[], cwd: string, paths: readonly string[] = []): boolean {
  for (const absolute of [cwd, ...paths]) {
    const relative = relativeToRoot(session.worktree, path.resolve(absolute));
    if (relative === null) return false;
    if (absolute === cwd) continue;
    if (relative !== "" && (!isInScope(relative, session.scope) || isGovernancePath(relative, governance))) return false;
  }
  return true;
}

function countCommand(ws: Workspace, sessionId: string): void {
  immediate(ws.db, () => updateSessionFields(ws, sessionId, { commandsUsed: getSession(ws, sessionId).commandsUsed + 1 }));
}

export interface Classification {
  decision: Decision;
  via: GateOutcome["via"];
  grantId?: string;
  /** ask only: the command stays in the session's scope, so a job/workspace grant may cover it. */
  grantable: boolean;
  /** The real cwd the policy saw. */
  cwd: string;
  /** ask only: what a grant from this command would cover. */
  shape?: CommandShape;
}

/** What the shim would decide, with no side effects (`hs check` stops here). */
/** privateTmp: the command runs in the session's sandbox, whose /tmp is its own (src/sandbox/handlers.ts). */
export function classifyForSession(ws: Workspace, session: SessionRecord, argv: string[], cwd: string, env: NodeJS.ProcessEnv, privateTmp = false): Classification {
  const refusal = sessionRefusal(session);
  if (refusal) return { decision: refusal, via: "session", grantable: false, cwd };
  const { decision, ctxCwd } = safeClassify(ws, session, argv, cwd, env, privateTmp);
  if (decision.decision !== "ask") return { decision, via: "policy", grantable: false, cwd: ctxCwd };
  const grantable = staysInScope(session, ws.config.governance_paths, ctxCwd, decision.paths);
  const tool = argv[0] === "rm" ? "rm" : "git";
  const rules = decision.rules ?? [decision.rule];
  const shape = shapeOf({ tool, argv, subcommand: decision.subcommand, rules, paths: decision.paths ?? [], cwd: ctxCwd, worktree: session.worktree });
  const grant = grantable ? findGrant(ws.db, decision.rule, shape, session.id) : undefined;
  if (!grant) return { decision, via: "policy", grantable, cwd: ctxCwd, shape };
  return {
    decision: { ...decision, decision: "allow", reason: `${decision.reason} (covered by ${grant.scope} grant ${grant.id})` },
    via: "grant",
    grantId: grant.id,
    grantable,
    cwd: ctxCwd,
    shape,
  };
}

export function decideAndRecord(
  ws: Workspace,
  sessionOrId: SessionRecord | string,
  argv: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  options: { waiterPid?: number | null; privateTmp?: boolean } = {},
): GateOutcome {
  const session = typeof sessionOrId === "string" ? getSession(ws, sessionOrId) : sessionOrId;
  const tool: GateTool = argv[0] === "rm" ? "rm" : "git";
  const classified = classifyForSession(ws, session, argv, cwd, env, options.privateTmp ?? false);
  const grantable = classified.grantable;
  let outcome: GateOutcome = { decision: classified.decision, via: classified.via, grantId: classified.grantId };
  if (classified.via !== "session") countCommand(ws, session.id);
  if (classified.grantId) {
    const uses = recordGrantUse(ws.db, classified.grantId);
    const grant = getGrant(ws.db, classified.grantId)!;
    ws.record({ type: "grant.used", actor: "system", session_id: session.id, wp_id: session.wp, mt_id: session.mt, payload: { grant_id: grant.id, scope: grant.scope, rule: grant.rule, uses, argv, used_at: grant.lastUsedAt } });
  }
  if (outcome.decision.decision === "ask") {
    const actor = sessionActor(session.id);
    const ask = { tool, argv, cwd: classified.cwd, grantable, shape: classified.shape ?? null, waiterPid: options.waiterPid ?? null };
    outcome = { ...askOutcome(ws, actor, session, outcome.decision, ask), waitSeconds: approvalWaitSeconds(ws, env) };
  }
  ws.record({
    type: "gate.decision",
    actor: "agent",
    session_id: session.id,
    wp_id: session.wp,
    mt_id: session.mt,
    payload: {
      tool,
      argv,
      cwd: classified.cwd,
      decision: outcome.decision.decision,
      rule: outcome.decision.rule,
      reason: outcome.decision.reason,
      via: outcome.via,
      grant_id: outcome.grantId ?? null,
      request_id: outcome.request?.id ?? null,
      attached: outcome.attached ?? false,
    },
  });
  return outcome;
}


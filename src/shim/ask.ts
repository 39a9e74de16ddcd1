// An `ask` from the gate: a retry of the same command (same session, argv, cwd) uses what the operator already
// decided (an approval runs it once, a denial is told once) or attaches to the pending request; otherwise a
// new request is filed. The request outlives the command that filed it.
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { redactString } from "../registry/redact.ts";
import type { Actor } from "../ops/actor.ts";
import { consume, expireOverdue, fileRequest } from "./approvals/ops.ts";
import { findRetryTarget } from "./approvals/requests.ts";
import type { CommandShape } from "./approvals/types.ts";
import { computePreviews } from "./preview.ts";
import { afterDenial } from "./messages.ts";
import type { Decision } from "./policy/index.ts";
import type { GateOutcome } from "./decide.ts";

export interface Ask {
  tool: "git" | "rm";
  argv: string[];
  cwd: string;
  grantable: boolean;
  shape: CommandShape | null;
  waiterPid: number | null;
}

export function askOutcome(ws: Workspace, actor: Actor, session: SessionRecord, decision: Decision, ask: Ask): GateOutcome {
  // devcc.db holds what the operator reads; secrets in argv (tokens in URLs, ...) are redacted like in the FR.
  const argv = ask.argv.map(redactString);
  expireOverdue(ws, actor);
  const earlier = findRetryTarget(ws.db, { sessionId: session.id, argv, cwd: ask.cwd });
  if (earlier?.status === "approved" && consume(ws, actor, { request: earlier, status: "approved", argv: ask.argv })) {
    const by = earlier.decidedBy ?? "the operator";
    const reason = `approved by ${by} (request ${earlier.id}, ${earlier.decisionScope ?? "once"})`;
    return { decision: { ...decision, decision: "allow", reason }, via: "approval", request: earlier };
  }
  if (earlier?.status === "denied" && consume(ws, actor, { request: earlier, status: "denied", argv: ask.argv })) {
    const reason = `the operator denied ${earlier.id}: ${earlier.decisionReason ?? "(no reason given)"}`;
    return { decision: { ...decision, decision: "deny", reason, hint: afterDenial(earlier.hint) }, via: "approval", request: earlier };
  }
  if (earlier?.status === "pending") {
    const hint = decision.hint.replaceAll("{request}", earlier.id);
    return { decision: { ...decision, hint }, via: "policy", request: earlier, attached: true };
  }
  const request = fileRequest(ws, actor, {
    sessionId: session.id,
    workspaceId: ws.config.workspace_id,
    wp: session.wp,
    mt: session.mt,
    tool: ask.tool,
    argv,
    cwd: ask.cwd,
    rule: decision.rule,
    reason: decision.reason,
    hint: decision.hint,
    grantable: ask.grantable,
    preview: computePreviews(ask.tool, ask.argv, ask.cwd, decision.subcommand),
    timeoutSeconds: ws.config.approvals.timeout_seconds,
    waiterPid: ask.waiterPid,
    shape: ask.shape,
  });
  return { decision: { ...decision, hint: decision.hint.replaceAll("{request}", request.id) }, via: "policy", request };
}

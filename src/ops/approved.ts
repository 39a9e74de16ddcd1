// The operator's approve verbs as front ends call them: the approval itself (src/shim/approvals/ops.ts), then, for a
// request that stands for an operation (rules in approved-rules.ts: hs vcs revert, a custom job), that operation
// with the approver as actor — so `hs approve` and POST /approvals/:id/approve act alike. Kept out of the approval
// module on purpose: the gate's slow path loads that one, and must not load version control and jobs with it.
// A refusal at perform time (the files changed since the preview) is thrown after the decision was recorded; the
// request then stays approved and unused.
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { approve, approveSession, type ApproveInput, type SessionApproval } from "../shim/approvals/ops.ts";
import type { ApprovalRequest, Grant } from "../shim/approvals/types.ts";
import type { Actor } from "./actor.ts";
import { CUSTOM_JOB_RULE, REVERT_RULE } from "./approved-rules.ts";
import { performRevert } from "../vcs/revert.ts";
import { startApprovedJob } from "../jobs/ops.ts";

type Performer = (ws: Workspace, actor: Actor, request: ApprovalRequest) => unknown;

function performer(rule: string): Performer | undefined {
  if (rule === REVERT_RULE) return performRevert;
  if (rule === CUSTOM_JOB_RULE) return startApprovedJob;
  return undefined;
}

/** The operation an approved request stands for, performed; undefined for gated commands (their run consumes it). */
export function performApproved(ws: Workspace, actor: Actor, request: ApprovalRequest): unknown {
  return performer(request.rule)?.(ws, actor, request);
}

export function approveOp(ws: Workspace, actor: Actor, input: ApproveInput): { request: ApprovalRequest; grant?: Grant; performed?: unknown } {
  const { request, grant } = approve(ws, actor, input);
  const performed = performApproved(ws, actor, request);
  return { request, grant, ...(performed === undefined ? {} : { performed }) };
}

export type SessionApprovalDone = SessionApproval & { performed?: unknown };

/** Approve all pending of one session, once each; each operation request is performed as it is approved. */
export function approveSessionOp(ws: Workspace, actor: Actor, input: { session: string; reason?: string }): SessionApprovalDone[] {
  return approveSession(ws, actor, input).map((one) => {
    if (!("request" in one)) return one;
    try {
      const performed = performApproved(ws, actor, one.request);
      return performed === undefined ? one : { ...one, performed };
    } catch (error) {
      if (!(error instanceof HsError)) throw error;
      return { id: one.id, error };
    }
  });
}

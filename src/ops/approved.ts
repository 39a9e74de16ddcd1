// Requests that are operations, not gated commands: approving one performs it (with the approver as actor), so the
// CLI (`hs approve`) and the API (POST /approvals/:id/approve) behave the same. A refusal at that point (the files
// changed since the preview) is thrown after the decision was recorded; the request stays approved and unused.
import type { Workspace } from "../registry/workspace.ts";
import type { ApprovalRequest } from "../shim/approvals/types.ts";
import type { Actor } from "./actor.ts";
import { performRevert, REVERT_RULE } from "../vcs/revert.ts";
import { CUSTOM_JOB_RULE, startApprovedJob } from "../jobs/ops.ts";

const PERFORMERS: Record<string, (ws: Workspace, actor: Actor, request: ApprovalRequest) => unknown> = {
  [REVERT_RULE]: performRevert,
  [CUSTOM_JOB_RULE]: startApprovedJob,
};

/** The operation an approved request stands for, performed; undefined for gated commands (their run consumes it). */
export function performApproved(ws: Workspace, actor: Actor, request: ApprovalRequest): unknown {
  const perform = Object.hasOwn(PERFORMERS, request.rule) ? PERFORMERS[request.rule] : undefined;
  return perform ? perform(ws, actor, request) : undefined;
}

// Requests that are operations, not gated commands: approving one performs it (with the approver as actor), so the
// CLI (`hs approve`) and the API (POST /approvals/:id/approve) behave the same. A refusal at that point (the files
// changed since the preview) is thrown after the decision was recorded; the request stays approved and unused.
// The table is built on use: the approval operations, this module and the performers import each other, and a
// table built while the modules load would capture names not yet defined (esbuild's bundle order).
import type { Workspace } from "../registry/workspace.ts";
import type { ApprovalRequest } from "../shim/approvals/types.ts";
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

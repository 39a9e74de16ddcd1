// merge_back.require_approval: the gate's request table (gate_requests) only models shim commands (tool git|rm)
// today, so there is no request kind for merge-back yet. Until the gate adds one, this fails closed.
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";

export function requireMergeApproval(ws: Workspace, id: string): void {
  throw new HsError("HS-MERGE-APPROVAL-REQUIRED", `workspace.json sets merge_back.require_approval, and approval requests for merge-back are not available yet`, {
    hint: `set "merge_back": {"require_approval": false} in ${ws.loc.handshakeDir}/workspace.json to apply without a gate approval, then: hs merge-back ${id} --apply`,
  });
}

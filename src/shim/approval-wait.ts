// How long a gated command waits for the operator. Its own module: the session host's briefing needs the figure
// before the command starts, without loading the gate's policy (decide.ts).
import type { Workspace } from "../registry/workspace.ts";

export const DEFAULT_WAIT_SECONDS = 90;

/** How long a gated command waits: approvals.wait_seconds (default 90); HS_APPROVAL_TIMEOUT_SECONDS may only shorten it. */
export function approvalWaitSeconds(ws: Workspace, env: NodeJS.ProcessEnv = process.env): number {
  const configured = ws.config.approvals.wait_seconds ?? DEFAULT_WAIT_SECONDS;
  const override = Number(env.HS_APPROVAL_TIMEOUT_SECONDS);
  return Number.isFinite(override) && override > 0 ? Math.min(override, configured) : configured;
}

// Operator-only actions refuse to run from inside a session. The gate's assertOperator (process ancestry,
// host socket) is used when present; this keeps the basic environment and cwd checks either way.
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { sessionForPath } from "../registry/sessions.ts";

export function assertNotInSession(ws: Workspace, cwd: string, what: string): void {
  const sessionId = process.env.HS_SESSION_ID;
  const inside = sessionId ? sessionId : sessionForPath(ws, cwd)?.id;
  if (inside) {
    throw new HsError("HS-OVERLAP-FROM-SESSION", `${what} is an operator decision; refused inside session '${inside}'`, {
      hint: `run it from the operator's own shell, outside every session worktree`,
    });
  }
}

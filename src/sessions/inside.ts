// Operator-only session decisions (--allow-overlap, releasing a lock) refuse to run from inside a
// session. The gate's check looks at the environment, the cwd's worktree and the process ancestry.
import type { Workspace } from "../registry/workspace.ts";
import { assertOperator } from "../shim/operator.ts";

export function assertNotInSession(_ws: Workspace, cwd: string, what: string): void {
  assertOperator(what, { cwd });
}

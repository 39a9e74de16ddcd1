// Moving a protected branch (merge-back --apply, a commit from the DCC) is the operator's alone: refused for
// any session actor, whatever its role, and whether it asks through the CLI, the host socket or HTTP.
import type { Workspace } from "../registry/workspace.ts";
import { HsError } from "../errors.ts";
import { actorLabel, type Actor } from "./actor.ts";
import { recordDenial } from "./guard.ts";
import { branchRef, protectedRefMatcher } from "./protected-refs.ts";

export function isProtectedRef(ws: Workspace, ref: string): boolean {
  return protectedRefMatcher(ws.config.protected_branches)(branchRef(ref));
}

/** Throws HS-PROTECTED-BRANCH (recorded as access.denied) when a session actor would move a protected branch. */
export function assertMayMoveBranch(ws: Workspace, actor: Actor, ref: string, verb: string): void {
  if (actor.kind !== "session" || !isProtectedRef(ws, ref)) return;
  const message = `${branchRef(ref)} is a protected branch; only the operator moves it, ${actorLabel(actor)} may not`;
  const error = new HsError("HS-PROTECTED-BRANCH", message, {
    hint: `hs ${verb}   # the operator runs this, outside any session`,
    details: { actor: actorLabel(actor), ref: branchRef(ref), verb },
  });
  recordDenial(ws, actor, verb, error);
  throw error;
}

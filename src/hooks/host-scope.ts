// The session host's answer to a hook running in its sandbox: do all these changed paths pass this
// session's scope and governance? Built from the registry, never from the request or the marker in the
// session's git dir (which the session can write), so a session can neither widen its scope nor obtain
// an answer for another actor. 0 = clear; anything else = the hook runs the full Node check.
import type { Workspace } from "../registry/workspace.ts";
import { findSession } from "../registry/sessions.ts";
import { namespaceOf, type HookActor } from "./actor.ts";
import { pathRule } from "./rules.ts";

export const SCOPE_CLEAR = 0;
export const SCOPE_FULL_CHECK = 1;

/** The actor the Node hook resolves from a worktree session's marker, here from the registry. */
export function registryActor(ws: Workspace, sessionId: string): HookActor | undefined {
  const session = findSession(ws, sessionId);
  if (!session || session.isolation !== "worktree") return undefined;
  return {
    kind: "session",
    mode: "worktree",
    sessionId: session.id,
    scope: session.scope,
    governance: ws.config.governance_paths,
    protectedBranches: ws.config.protected_branches,
    namespace: namespaceOf(session.id),
    foreignLocks: [],
  };
}

/** Pure: 0 when the rule finds nothing in any path (an empty list is clear: nothing changed). */
export function scopeVerdict(actor: HookActor, paths: readonly string[]): number {
  const rule = pathRule(actor);
  return paths.every((file) => rule(file) === undefined) ? SCOPE_CLEAR : SCOPE_FULL_CHECK;
}

export function hostScopeVerdict(ws: Workspace, sessionId: string, paths: readonly string[]): number {
  const actor = registryActor(ws, sessionId);
  return actor ? scopeVerdict(actor, paths) : SCOPE_FULL_CHECK;
}

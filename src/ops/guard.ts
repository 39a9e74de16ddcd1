// The one access guard. Operations call it first; front ends (CLI, host socket, HTTP) never decide.
// A session may act on itself and its descendants, and only through verbs that allow session actors.
import type { Workspace } from "../registry/workspace.ts";
import { HsError } from "../errors.ts";
import { getSession } from "../registry/sessions.ts";
import { actorLabel, type Actor } from "./actor.ts";

export type Access =
  | { who: "operator" } // operator only (the system acts for the operator, e.g. crash recovery)
  | { who: "session-tree"; session: string } // the operator, or that session or one of its ancestors
  | { who: "self"; session: string } // the operator, or exactly that session
  | { who: "anyone" };

export function isSameOrAncestor(ws: Workspace, ancestor: string, session: string): boolean {
  const seen = new Set<string>();
  for (let id: string | null = session; id !== null && !seen.has(id); ) {
    if (id === ancestor) return true;
    seen.add(id);
    id = getSession(ws, id).parent;
  }
  return false;
}

export function allows(ws: Workspace, actor: Actor, access: Access): boolean {
  if (actor.kind !== "session") return true;
  switch (access.who) {
    case "anyone":
      return true;
    case "operator":
      return false;
    case "self":
      return actor.id === access.session;
    case "session-tree":
      return isSameOrAncestor(ws, actor.id, access.session);
  }
}

/** Throws HS-OPERATOR-ONLY (operator verbs) or HS-ACCESS-DENIED (another session's tree) when refused. */
export function authorize(ws: Workspace, actor: Actor, verb: string, access: Access): void {
  if (allows(ws, actor, access)) return;
  if (access.who === "operator") {
    throw new HsError("HS-OPERATOR-ONLY", `${verb} is an operator decision; ${actorLabel(actor)} may not do it`, {
      hint: `run it from the operator's own terminal, outside any session: hs ${verb}`,
      details: { actor: actorLabel(actor), verb },
    });
  }
  const target = "session" in access ? access.session : "(none)";
  throw new HsError("HS-ACCESS-DENIED", `${actorLabel(actor)} may act only on itself and its own descendants, not on ${target}`, {
    hint: `ask the operator to run: hs ${verb}`,
    details: { actor: actorLabel(actor), verb, target },
  });
}

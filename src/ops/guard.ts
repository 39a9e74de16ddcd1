// The one access guard. Operations call it first; front ends (CLI, host socket, HTTP) never decide.
// A session may act on itself and its descendants, and only through verbs that allow session actors.
// Every refusal is recorded (`access.denied`) before it is thrown, so the log shows who tried what.
import type { Workspace } from "../registry/workspace.ts";
import { HsError } from "../errors.ts";
import { findSession } from "../registry/sessions.ts";
import { actorLabel, frActor, type Actor } from "./actor.ts";

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
    id = findSession(ws, id)?.parent ?? null;
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

/** The refusal for an actor that `allows` turned down (pure; `authorize` records and throws it). */
export function refusal(actor: Actor, verb: string, access: Access): HsError {
  if (access.who === "operator") {
    return new HsError("HS-OPERATOR-ONLY", `'hs ${verb}' is an operator decision; ${actorLabel(actor)} may not do it`, {
      hint: `run it from the operator's own terminal, outside any session: hs ${verb}`,
      details: { actor: actorLabel(actor), verb },
    });
  }
  const target = "session" in access ? access.session : "(none)";
  const message = `${actorLabel(actor)} may act only on itself and its own descendants, not on '${target}'`;
  return new HsError("HS-ACCESS-DENIED", message, {
    hint: `hs ${verb}   # the operator runs this, outside any session`,
    details: { actor: actorLabel(actor), verb, target },
  });
}

/** Throws HS-OPERATOR-ONLY (operator verbs) or HS-ACCESS-DENIED (another session's tree) when refused. */
export function authorize(ws: Workspace, actor: Actor, verb: string, access: Access): void {
  if (allows(ws, actor, access)) return;
  const error = refusal(actor, verb, access);
  recordDenial(ws, actor, verb, error);
  throw error;
}

/** For operator verbs that run before a workspace can be opened (rebuild): refuses without recording. */
export function requireOperator(actor: Actor, verb: string): void {
  if (actor.kind === "session") throw refusal(actor, verb, { who: "operator" });
}

export function recordDenial(ws: Workspace, actor: Actor, verb: string, error: HsError): void {
  ws.record({
    type: "access.denied",
    actor: frActor(actor),
    session_id: actor.kind === "session" && findSession(ws, actor.id) ? actor.id : null,
    payload: { actor: actorLabel(actor), verb, code: error.code, reason: error.message, ...(error.details ?? {}) },
  });
}

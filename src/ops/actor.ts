// Who asks: every state-changing operation takes one of these and checks it itself (src/ops/guard.ts).
// The CLI derives it from the process (inside a session or not), the session host from its socket's
// session, the HTTP server from its authenticated operator.
import type { Actor as FrActor } from "../registry/event-types.ts";

export type Actor = { kind: "operator" } | { kind: "session"; id: string } | { kind: "system" };

export const OPERATOR: Actor = { kind: "operator" };
export const SYSTEM: Actor = { kind: "system" };

export function sessionActor(id: string): Actor {
  return { kind: "session", id };
}

/** `operator`, `session:<id>` or `system`: the form refusals and events name. */
export function actorLabel(actor: Actor): string {
  return actor.kind === "session" ? `session:${actor.id}` : actor.kind;
}

/** The Flight Recorder's actor column (human | agent | system). */
export function frActor(actor: Actor): FrActor {
  return actor.kind === "operator" ? "human" : actor.kind === "session" ? "agent" : "system";
}

// The hook runtime's public surface (the CLI dispatches `hs __hook` to entry.ts directly).
export { run } from "./entry.ts";
export { resolveActor, namespaceOf, type HookActor } from "./actor.ts";
export { pathRule, classifyRef, type RuleCode } from "./rules.ts";
export { readSessionMarker, readLockMarker, SESSION_MARKER, LOCK_MARKER, type SessionMarker, type LockMarker } from "./markers.ts";
export type { Refusal } from "./refusal.ts";

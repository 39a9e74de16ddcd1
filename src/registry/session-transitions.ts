// The session state machine (pure). Every state change goes through transitionSession, which asks this
// table; terminal states (completed, failed, cancelled) have no way out. Why each edge exists:
//   created -> active     a host starts (shell, run, detached run)
//   * -> paused           operator or ancestor pause, budget reached, host exited, crash recovery
//   * -> blocked          waiting for an approval, merge-back found conflicts or a dirty target
//   blocked -> created    an approval wait ends in a session that never had a host (`hs session env` shell)
//   blocked/paused -> active  approval settled, resume, a new host
//   * -> completed        merge-back --apply moved the target (or found the work already there)
//   * -> failed           the session's host crashed again and again (poisoned, see sandbox/recovery.ts)
//   * -> cancelled        operator or ancestor cancel, cascade from a cancelled parent
import type { SessionState } from "./sessions.ts";

export const SESSION_TRANSITIONS = {
  created: ["active", "paused", "blocked", "completed", "failed", "cancelled"],
  active: ["paused", "blocked", "completed", "failed", "cancelled"],
  paused: ["active", "blocked", "completed", "failed", "cancelled"],
  blocked: ["created", "active", "paused", "completed", "failed", "cancelled"],
  completed: [],
  failed: [],
  cancelled: [],
} as const satisfies Record<SessionState, readonly SessionState[]>;

export type TransitionCheck = { ok: true; noop: boolean } | { ok: false; code: "HS-SESSION-TERMINAL" | "HS-STATE-TRANSITION" };

/** Whether `from -> to` is allowed; staying in a live state is a no-op, leaving a terminal one never is. */
export function checkTransition(from: SessionState, to: SessionState): TransitionCheck {
  const next: readonly SessionState[] = SESSION_TRANSITIONS[from];
  if (!next.length) return { ok: false, code: "HS-SESSION-TERMINAL" };
  if (from === to) return { ok: true, noop: true };
  return next.includes(to) ? { ok: true, noop: false } : { ok: false, code: "HS-STATE-TRANSITION" };
}

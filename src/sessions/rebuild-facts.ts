// Pure: folds Flight Recorder events into the session facts devcc.db indexed — states, closes, held locks.
// (Approvals are replayed by src/shim/approvals/restore.ts.)
import type { FrEvent } from "../registry/flight-recorder.ts";
import type { SessionState } from "../registry/sessions.ts";

export interface FrFacts {
  created: Map<string, Record<string, unknown>>;
  state: Map<string, { to: SessionState; reason: string }>;
  closed: Map<string, string>;
  locks: Map<string, Map<string, string>>; // session -> lock_id -> glob
}

type Payload = Record<string, any>;

export function emptyFacts(): FrFacts {
  return { created: new Map(), state: new Map(), closed: new Map(), locks: new Map() };
}

export function foldEvent(facts: FrFacts, event: FrEvent): void {
  const id = event.session_id ?? null;
  const payload = (event.payload ?? {}) as Payload;
  const handler = HANDLERS[event.type];
  if (handler) handler(facts, { id, payload, event });
}

type Handler = (facts: FrFacts, input: { id: string | null; payload: Payload; event: FrEvent }) => void;

const HANDLERS: Partial<Record<string, Handler>> = {
  "session.created": (facts, { id, payload }) => void (id && facts.created.set(id, payload)),
  "session.state_change": (facts, { id, payload }) => void (id && facts.state.set(id, { to: payload.to_state, reason: payload.reason })),
  "session.closed": (facts, { id, event }) => void (id && facts.closed.set(id, event.timestamp)),
  "lock.acquired": (facts, { id, payload }) => {
    if (!id) return;
    const locks = facts.locks.get(id) ?? new Map<string, string>();
    (payload.lock_ids as string[]).forEach((lockId, i) => locks.set(lockId, (payload.globs as string[])[i] ?? ""));
    facts.locks.set(id, locks);
  },
  "lock.released": (facts, { id, payload }) => {
    for (const lockId of (payload.lock_ids as string[]) ?? []) facts.locks.get(id ?? "")?.delete(lockId);
  },
};

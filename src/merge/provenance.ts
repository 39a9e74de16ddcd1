// Provenance facts from the Flight Recorder: approvals/grants used by the session and its event range. Indexed
// queries only: a long session's events are counted and bounded by SQLite, not read and parsed one by one.
import { openFlightRecorder } from "../registry/flight-recorder.ts";
import type { Provenance } from "./schemas.ts";

const APPROVAL_TYPES = ["approval.decided", "grant.used"] as const;

export function sessionEvidence(handshakeDir: string, sessionId: string): Pick<Provenance, "approvals" | "fr_range"> {
  const fr = openFlightRecorder(handshakeDir);
  try {
    const approvals = APPROVAL_TYPES.flatMap((type) => fr.query({ session_id: sessionId, type }))
      .sort((a, b) => a.seq - b.seq)
      .map((event) => ({ event_id: event.event_id, type: event.type as (typeof APPROVAL_TYPES)[number], ts: event.timestamp, payload: event.payload ?? {} }));
    const first = fr.query({ session_id: sessionId, limit: 1 })[0]?.event_id ?? null;
    const last = fr.query({ session_id: sessionId, last: 1 })[0]?.event_id ?? null;
    return { approvals, fr_range: { first, last, count: fr.count({ session_id: sessionId }) } };
  } finally {
    fr.close();
  }
}

// Provenance facts from the Flight Recorder: approvals/grants used by the session and its event range.
import { openFlightRecorder } from "../registry/flight-recorder.ts";
import type { Provenance } from "./schemas.ts";

const APPROVAL_TYPES = new Set(["approval.decided", "grant.used"]);

export function sessionEvidence(handshakeDir: string, sessionId: string): Pick<Provenance, "approvals" | "fr_range"> {
  const fr = openFlightRecorder(handshakeDir);
  try {
    const approvals: Provenance["approvals"] = [];
    let first: string | null = null;
    let last: string | null = null;
    let count = 0;
    for (const event of fr.iterate({ session_id: sessionId })) {
      first ??= event.event_id;
      last = event.event_id;
      count += 1;
      if (APPROVAL_TYPES.has(event.type)) {
        approvals.push({ event_id: event.event_id, type: event.type as "approval.decided" | "grant.used", ts: event.timestamp, payload: event.payload ?? {} });
      }
    }
    return { approvals, fr_range: { first, last, count } };
  } finally {
    fr.close();
  }
}

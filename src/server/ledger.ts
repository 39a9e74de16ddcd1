// The Tool Call Ledger (pure): one row per gated tool call, from the gate's `gate.decision` events joined with
// the approval request each ask filed. The shim execs git after deciding, so no event carries the call's
// duration or exit code yet: those columns stay null until the gate records them.
import type { FrEvent } from "../registry/flight-recorder.ts";
import type { ApprovalRequest } from "../shim/approvals/types.ts";

export interface LedgerRow {
  seq: number;
  started_at: string;
  session_id: string | null;
  tool: string;
  argv: unknown;
  cwd: unknown;
  decision: string;
  rule: string | null;
  via: string | null;
  request_id: string | null;
  approval_status: string | null;
  duration_ms: number | null;
  exit_code: number | null;
}

const text = (value: unknown) => (typeof value === "string" ? value : null);

/** Rows in the events' order (time, then seq: the log's own order). `argv` is already redacted in the log. */
export function ledgerRows(
  events: readonly FrEvent[],
  requestOf: (id: string) => ApprovalRequest | undefined,
): LedgerRow[] {
  return events.map((event) => {
    const payload = event.payload;
    const requestId = text(payload.request_id);
    return {
      seq: event.seq,
      started_at: event.timestamp,
      session_id: event.session_id,
      tool: text(payload.tool) ?? "git",
      argv: payload.argv ?? null,
      cwd: payload.cwd ?? null,
      decision: text(payload.decision) ?? "unknown",
      rule: text(payload.rule),
      via: text(payload.via),
      request_id: requestId,
      approval_status: requestId ? (requestOf(requestId)?.status ?? "unknown") : null,
      duration_ms: typeof payload.duration_ms === "number" ? payload.duration_ms : null,
      exit_code: typeof payload.exit_code === "number" ? payload.exit_code : null,
    };
  });
}

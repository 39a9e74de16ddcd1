// Public shapes of the Flight Recorder. Field names are the stored column names.
import type { Actor, EventType } from "./event-types.ts";

export interface FrEventInput {
  /** From EVENT_TYPES; anything else is refused with HS-FR-EVENT-UNKNOWN. */
  type: EventType;
  actor: Actor;
  session_id?: string | null;
  wp_id?: string | null;
  mt_id?: string | null;
  workspace_id?: string | null;
  /** Redacted, then bounded to 8 KiB of canonical JSON (see fr-payload.ts). */
  payload?: Record<string, unknown>;
}

export interface FrEvent extends Required<FrEventInput> {
  seq: number;
  event_id: string;
  /** RFC 3339 UTC with milliseconds; never earlier than the previous event's. */
  timestamp: string;
  prev_hash: string;
  hash: string;
}

export interface FrQuery {
  session_id?: string;
  wp_id?: string;
  mt_id?: string;
  /** An exact type, or a glob such as "session.*". */
  type?: string;
  /** human | agent | system. */
  actor?: Actor;
  /** ISO timestamp; events at or after it. */
  since?: string;
  /** Only events with seq greater than this (paging, --follow). */
  after_seq?: number;
  /** At most this many, oldest first. */
  limit?: number;
  /** Only the newest N (still returned oldest first). */
  last?: number;
}

export interface FrVerifyProblem {
  seq: number;
  event_id: string | null;
  reason: "hash_mismatch" | "prev_hash_mismatch" | "seq_gap";
  expected: string;
  found: string;
}

export interface FrVerifyResult {
  ok: boolean;
  /** Events checked (all of them when ok). */
  count: number;
  /** Hash of the last good event: keep it elsewhere to detect truncation later. */
  head_hash: string;
  head_seq: number;
  first_bad?: FrVerifyProblem;
  duration_ms: number;
}

export interface JsonlSink {
  write(chunk: string): unknown;
}

export interface FlightRecorder {
  readonly file: string;
  append(input: FrEventInput): FrEvent;
  /** Appends all inputs in one transaction (contiguous seqs). */
  appendBatch(inputs: readonly FrEventInput[]): FrEvent[];
  query(filter?: FrQuery): FrEvent[];
  iterate(filter?: FrQuery): IterableIterator<FrEvent>;
  /** Every event, or those matching the filter's fields (limit/last aside). */
  count(filter?: FrQuery): number;
  /** The newest event's seq and hash (0 and 64 zeros when empty); cheap, for polling. */
  head(): { seq: number; hash: string };
  verify(): FrVerifyResult;
  /** Writes every event as one canonical JSON line (to a file path or a sink); returns the count. */
  exportJsonl(out: string | JsonlSink): number;
  close(): void;
}

// The hash of one event: sha256 over the canonical JSON of all its fields except `hash` (prev_hash included).
// Built by concatenation in sorted key order so that verify can hash a million raw rows without building objects;
// `payload` is stored as canonical JSON already and is embedded verbatim. Equal to canonicalJson(eventWithoutHash).
import crypto from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

/** Column order used for raw rows everywhere (SELECT lists, verify, export). */
export const EVENT_COLUMNS = "seq, event_id, timestamp, type, actor, session_id, wp_id, mt_id, workspace_id, payload, prev_hash, hash";

/** Every column except hash, in EVENT_COLUMNS order. */
export type ChainFields = [
  seq: number,
  event_id: string,
  timestamp: string,
  type: string,
  actor: string,
  session_id: string | null,
  wp_id: string | null,
  mt_id: string | null,
  workspace_id: string | null,
  payload: string,
  prev_hash: string,
];
export type EventRow = [...ChainFields, hash: string];

const str = (value: string | null): string => (value === null ? "null" : JSON.stringify(value));

export function hashInput(row: Readonly<ChainFields> | Readonly<EventRow>): string {
  return (
    `{"actor":${str(row[4])},"event_id":${str(row[1])},"mt_id":${str(row[7])},"payload":${row[9]},"prev_hash":${str(row[10])},` +
    `"seq":${row[0]},"session_id":${str(row[5])},"timestamp":${str(row[2])},"type":${str(row[3])},"workspace_id":${str(row[8])},"wp_id":${str(row[6])}}`
  );
}

export function eventHash(row: Readonly<ChainFields> | Readonly<EventRow>): string {
  return crypto.hash("sha256", hashInput(row), "hex");
}

/** The stored event as one canonical JSON line (hash included); drop `hash` and hash the rest to check it. */
export function eventJson(row: Readonly<EventRow>): string {
  return (
    `{"actor":${str(row[4])},"event_id":${str(row[1])},"hash":${str(row[11])},"mt_id":${str(row[7])},"payload":${row[9]},"prev_hash":${str(row[10])},` +
    `"seq":${row[0]},"session_id":${str(row[5])},"timestamp":${str(row[2])},"type":${str(row[3])},"workspace_id":${str(row[8])},"wp_id":${str(row[6])}}`
  );
}

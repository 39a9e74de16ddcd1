// Proves the chain: seqs contiguous from 1, each prev_hash equal to the previous hash, each hash recomputed.
// SQLite builds each hash input (json_quote gives the same text as JSON.stringify for every id the appender accepts;
// see fr-append.ts), so only five values per row cross into JS: ~2x faster than concatenating in JS at 1 M rows.
import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Db } from "./sqlite.ts";
import { GENESIS_HASH } from "./fr-hash.ts";
import type { FrVerifyProblem, FrVerifyResult } from "./fr-types.ts";

const field = (name: string) => `json_quote(${name})`;
// Keys in canonical (sorted) order; must stay identical to hashInput() in fr-hash.ts (a test compares the two).
export const HASH_INPUT_SQL =
  `'{"actor":' || ${field("actor")} || ',"event_id":' || ${field("event_id")} || ',"mt_id":' || ${field("mt_id")} || ` +
  `',"payload":' || payload || ',"prev_hash":' || ${field("prev_hash")} || ',"seq":' || seq || ',"session_id":' || ${field("session_id")} || ` +
  `',"timestamp":' || ${field("timestamp")} || ',"type":' || ${field("type")} || ',"workspace_id":' || ${field("workspace_id")} || ',"wp_id":' || ${field("wp_id")} || '}'`;

type VerifyRow = [seq: number, event_id: string, prev_hash: string, hash: string, input: string];

export function verifyChain(db: Db): FrVerifyResult {
  const started = performance.now();
  const rows = db.prepare(`SELECT seq, event_id, prev_hash, hash, ${HASH_INPUT_SQL} FROM events ORDER BY seq`).raw(true).iterate() as IterableIterator<VerifyRow>;
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let first_bad: FrVerifyProblem | undefined;
  for (const row of rows) {
    first_bad = check(row, expectedSeq, prev);
    if (first_bad) break;
    prev = row[3];
    expectedSeq += 1;
  }
  const count = expectedSeq - 1;
  const result: FrVerifyResult = { ok: !first_bad, count, head_hash: prev, head_seq: count, duration_ms: performance.now() - started };
  if (first_bad) result.first_bad = first_bad;
  return result;
}

function check(row: VerifyRow, expectedSeq: number, prev: string): FrVerifyProblem | undefined {
  const [seq, event_id, prevHash, hash, input] = row;
  if (seq !== expectedSeq) return { seq, event_id, reason: "seq_gap", expected: String(expectedSeq), found: String(seq) };
  if (prevHash !== prev) return { seq, event_id, reason: "prev_hash_mismatch", expected: prev, found: String(prevHash) };
  // input is NULL when a tampered row holds a NULL where text is required
  const actual = input === null ? "" : crypto.hash("sha256", input, "hex");
  if (actual !== hash) return { seq, event_id, reason: "hash_mismatch", expected: actual, found: String(hash) };
  return undefined;
}

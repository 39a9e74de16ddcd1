// Proves the chain: seqs contiguous from 1, each prev_hash equal to the previous hash, each hash recomputed.
// Built for a million rows in a few seconds: SQLite builds each row as one string `prev_hash || hash || hash input`
// (json_quote gives the same text as JSON.stringify for every id the appender accepts; see fr-append.ts), so one value
// per row crosses into JS. Contiguity is proven up front with count/min/max; a row that fails the fast path is
// re-read column by column to say exactly what is wrong.
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

export function verifyChain(db: Db): FrVerifyResult {
  const started = performance.now();
  // Rows up to the head seen now are immutable (append-only), so later appends cannot disturb this pass.
  const span = db.prepare("SELECT count(*) AS n, coalesce(min(seq), 1) AS lo, coalesce(max(seq), 0) AS hi FROM events").get() as { n: number; lo: number; hi: number };
  const gap = span.lo === 1 && span.n === span.hi ? undefined : firstGap(db, span.hi);
  const lastContiguous = gap ? gap.position - 1 : span.hi;
  const rows = db.prepare(`SELECT prev_hash || hash || ${HASH_INPUT_SQL} FROM events WHERE seq <= ? ORDER BY seq`).pluck(true).iterate(lastContiguous) as IterableIterator<string | null>;
  let prev = GENESIS_HASH;
  let verified = 0;
  let first_bad: FrVerifyProblem | undefined;
  for (const line of rows) {
    const seq = verified + 1;
    if (typeof line === "string" && line.length >= 130 && line.startsWith(prev) && crypto.hash("sha256", line.slice(128), "hex") === line.slice(64, 128)) {
      prev = line.slice(64, 128);
    } else {
      const checked = explain(db, seq, prev);
      if (typeof checked !== "string") {
        first_bad = checked;
        break;
      }
      prev = checked;
    }
    verified = seq;
  }
  if (!first_bad && gap) first_bad = { seq: gap.seq, event_id: gap.event_id, reason: "seq_gap", expected: String(gap.position), found: String(gap.seq) };
  const result: FrVerifyResult = { ok: !first_bad, count: verified, head_hash: prev, head_seq: verified, duration_ms: performance.now() - started };
  if (first_bad) result.first_bad = first_bad;
  return result;
}

/** The first row whose seq is not its position (1-based) in seq order. */
function firstGap(db: Db, hi: number): { position: number; seq: number; event_id: string } | undefined {
  return db
    .prepare("SELECT position, seq, event_id FROM (SELECT row_number() OVER (ORDER BY seq) AS position, seq, event_id FROM events WHERE seq <= ?) WHERE position != seq LIMIT 1")
    .get(hi) as { position: number; seq: number; event_id: string } | undefined;
}

type DetailRow = { event_id: string | null; prev_hash: string | null; hash: string | null; input: string | null };

/** Reads one row column by column and names its problem; returns the row's hash if it is fine after all. */
function explain(db: Db, seq: number, prev: string): FrVerifyProblem | string {
  const row = db.prepare(`SELECT event_id, prev_hash, hash, ${HASH_INPUT_SQL} AS input FROM events WHERE seq = ?`).get(seq) as DetailRow;
  if (row.prev_hash !== prev) return { seq, event_id: row.event_id, reason: "prev_hash_mismatch", expected: prev, found: String(row.prev_hash) };
  const actual = row.input === null ? "" : crypto.hash("sha256", row.input, "hex");
  if (actual !== row.hash) return { seq, event_id: row.event_id, reason: "hash_mismatch", expected: actual, found: String(row.hash) };
  return actual;
}

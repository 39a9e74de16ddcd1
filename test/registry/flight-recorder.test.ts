// The Flight Recorder on real SQLite: chain, append-only triggers, tamper detection, closed registry, queries, export.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, expect, test } from "vitest";
import { GENESIS_HASH, closeCachedRecorders, ensureFlightRecorder, flightRecorderPath, openFlightRecorder, recordEvent, type FlightRecorder } from "../../src/registry/flight-recorder.ts";
import { canonicalJson } from "../../src/registry/canonical-json.ts";
import { EVENT_COLUMNS, hashInput, type EventRow } from "../../src/registry/fr-hash.ts";
import { HASH_INPUT_SQL } from "../../src/registry/fr-verify.ts";
import type { EventType } from "../../src/registry/event-types.ts";
import { tempHandshakeDir } from "./fr-temp.ts";

let temp: ReturnType<typeof tempHandshakeDir>;
let fr: FlightRecorder;

beforeEach(() => {
  temp = tempHandshakeDir();
  fr = openFlightRecorder(temp.handshakeDir);
  for (let i = 0; i < 5; i += 1) fr.append({ type: "session.created", actor: "agent", session_id: `s${i % 2}`, wp_id: "WP-1", mt_id: `MT-${i}`, workspace_id: "ws", payload: { i } });
});
afterEach(() => {
  fr.close();
  closeCachedRecorders();
  temp.cleanup();
});

function raw(): Database.Database {
  return new Database(flightRecorderPath(temp.handshakeDir));
}

test("a fresh log starts with migration.applied linked to the genesis hash, and the chain verifies", () => {
  const [first] = fr.query({ limit: 1 });
  expect(first).toMatchObject({ seq: 1, type: "migration.applied", actor: "system", prev_hash: GENESIS_HASH });
  expect(first?.payload).toMatchObject({ database: "flight-recorder.db", version: 1, name: "0001_events" });
  expect(fr.verify()).toMatchObject({ ok: true, count: 6, head_seq: 6 });
});

test("each hash is sha256 over the canonical JSON of the event without hash, prev_hash included", () => {
  const events = fr.query();
  for (const [index, event] of events.entries()) {
    const { hash, ...rest } = event;
    expect(hash).toBe(crypto.createHash("sha256").update(canonicalJson(rest)).digest("hex"));
    if (index > 0) expect(event.prev_hash).toBe(events[index - 1]?.hash);
  }
});

test("recordEvent appends through a cached connection and returns the stored event", () => {
  const event = recordEvent(temp.handshakeDir, { type: "lock.acquired", actor: "human", payload: { glob: "src/**" } });
  expect(event).toMatchObject({ seq: 7, type: "lock.acquired", session_id: null, wp_id: null, payload: { glob: "src/**" } });
  expect(event.event_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(recordEvent(temp.handshakeDir, { type: "lock.released", actor: "human" }).prev_hash).toBe(event.hash);
  expect(fr.verify()).toMatchObject({ ok: true, count: 8 });
});

test("timestamps are RFC 3339 UTC and never decrease along the chain", () => {
  const stamps = fr.query().map((event) => event.timestamp);
  for (const stamp of stamps) expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect([...stamps].sort()).toEqual(stamps);
});

test.each([
  ["UPDATE", "UPDATE events SET payload = '{}' WHERE seq = 2"],
  ["DELETE", "DELETE FROM events WHERE seq = 2"],
  ["DELETE all", "DELETE FROM events"],
])("%s is refused by a trigger", (_name, sql) => {
  const db = raw();
  try {
    expect(() => db.exec(sql)).toThrow(/HS-FR-APPEND-ONLY/);
  } finally {
    db.close();
  }
  expect(fr.verify().ok).toBe(true);
});

test("an insert that does not extend the tail is refused by a trigger", () => {
  const db = raw();
  try {
    const insert = "INSERT INTO events (seq, event_id, timestamp, type, actor, payload, prev_hash, hash) VALUES (?, ?, 't', 'session.created', 'agent', '{}', ?, ?)";
    expect(() => db.prepare(insert).run(99, "x", GENESIS_HASH, GENESIS_HASH)).toThrow(/HS-FR-CHAIN-LINK/);
    expect(() => db.prepare(insert).run(7, "y", GENESIS_HASH, GENESIS_HASH)).toThrow(/HS-FR-CHAIN-LINK/);
  } finally {
    db.close();
  }
});

function tamper(sql: string, ...params: unknown[]): void {
  const db = raw();
  try {
    db.exec("DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;");
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

test("an edited payload is detected at that seq (hash_mismatch, expected vs found)", () => {
  const stored = fr.query({ after_seq: 2, limit: 1 })[0]!;
  tamper(`UPDATE events SET payload = '{"i":99}' WHERE seq = 3`);
  const result = fr.verify();
  expect(result).toMatchObject({ ok: false, count: 2, head_seq: 2, first_bad: { seq: 3, reason: "hash_mismatch", found: stored.hash } });
  expect(result.first_bad?.expected).toMatch(/^[0-9a-f]{64}$/);
  expect(result.first_bad?.expected).not.toBe(stored.hash);
});

test("an edit whose hash is recomputed breaks the next link (prev_hash_mismatch)", () => {
  const row = fr.query({ after_seq: 2, limit: 1 })[0]!;
  const { hash: _old, ...rest } = { ...row, session_id: "someone-else" };
  tamper("UPDATE events SET session_id = ?, hash = ? WHERE seq = 3", "someone-else", crypto.createHash("sha256").update(canonicalJson(rest)).digest("hex"));
  expect(fr.verify()).toMatchObject({ ok: false, first_bad: { seq: 4, reason: "prev_hash_mismatch" } });
});

test("a deleted event is detected as a seq gap", () => {
  tamper("DELETE FROM events WHERE seq = 4");
  expect(fr.verify()).toMatchObject({ ok: false, count: 3, first_bad: { seq: 5, reason: "seq_gap", expected: "4", found: "5" } });
});

test("an unknown event type is refused with HS-FR-EVENT-UNKNOWN and nothing is written", () => {
  expect(() => fr.append({ type: "session.exploded" as EventType, actor: "agent" })).toThrow(expect.objectContaining({ code: "HS-FR-EVENT-UNKNOWN", hint: expect.stringContaining("event-types.ts") }));
  expect(fr.count()).toBe(6);
});

test.each([
  ["bad actor", { type: "session.created", actor: "robot" }],
  ["array payload", { type: "session.created", actor: "agent", payload: [1] }],
  ["numeric session id", { type: "session.created", actor: "agent", session_id: 7 }],
  ["over-long wp id", { type: "session.created", actor: "agent", wp_id: "w".repeat(300) }],
  ["control character in an id", { type: "session.created", actor: "agent", mt_id: "MT\n1" }],
  ["lone surrogate in an id", { type: "session.created", actor: "agent", session_id: "s\ud800" }],
])("%s is refused with HS-FR-EVENT-INVALID", (_name, input) => {
  expect(() => fr.append(input as never)).toThrow(expect.objectContaining({ code: "HS-FR-EVENT-INVALID" }));
  expect(fr.count()).toBe(6);
});

test("appendBatch writes contiguous seqs in one transaction", () => {
  const events = fr.appendBatch([
    { type: "merge_back.prepared", actor: "system" },
    { type: "merge_back.applied", actor: "system" },
  ]);
  expect(events.map((event) => event.seq)).toEqual([7, 8]);
  expect(fr.verify()).toMatchObject({ ok: true, count: 8 });
});

test("queries filter by session, exact type, type glob, since, after_seq, limit and last", () => {
  fr.append({ type: "session.state_change", actor: "system", session_id: "s1" });
  expect(fr.query({ session_id: "s1" }).map((event) => event.seq)).toEqual([3, 5, 7]);
  expect(fr.query({ type: "session.state_change" }).map((event) => event.seq)).toEqual([7]);
  expect(fr.query({ type: "session.*" }).map((event) => event.seq)).toEqual([2, 3, 4, 5, 6, 7]);
  expect(fr.query({ after_seq: 5, limit: 1 }).map((event) => event.seq)).toEqual([6]);
  expect(fr.query({ last: 2 }).map((event) => event.seq)).toEqual([6, 7]);
  expect(fr.query({ since: "2999-01-01T00:00:00.000Z" })).toEqual([]);
  expect(fr.query({ since: "2000-01-01T00:00:00.000Z" })).toHaveLength(7);
  expect(fr.head().seq).toBe(7);
});

test("exportJsonl writes one canonical line per event that re-hashes to its hash", () => {
  const out = path.join(temp.dir, "fr.jsonl");
  expect(fr.exportJsonl(out)).toBe(6);
  const lines = fs.readFileSync(out, "utf8").trimEnd().split("\n");
  expect(lines).toHaveLength(6);
  for (const line of lines) {
    const { hash, ...rest } = JSON.parse(line);
    expect(canonicalJson({ hash, ...rest })).toBe(line);
    expect(crypto.createHash("sha256").update(canonicalJson(rest)).digest("hex")).toBe(hash);
  }
});

test("ensureFlightRecorder is idempotent and the log survives reopening", () => {
  ensureFlightRecorder(temp.handshakeDir);
  ensureFlightRecorder(temp.handshakeDir);
  const again = openFlightRecorder(temp.handshakeDir);
  try {
    expect(again.verify()).toMatchObject({ ok: true, count: 6 });
  } finally {
    again.close();
  }
});

test("opening without create refuses a missing log, and a missing .handshake/ always", () => {
  const other = tempHandshakeDir();
  try {
    expect(() => openFlightRecorder(other.handshakeDir, { create: false })).toThrow(expect.objectContaining({ code: "HS-NOT-INITIALISED", hint: expect.stringContaining("hs init") }));
    expect(() => openFlightRecorder(path.join(other.dir, "nope"))).toThrow(expect.objectContaining({ code: "HS-NOT-INITIALISED" }));
  } finally {
    other.cleanup();
  }
});

test("secrets in a payload never reach the database file", () => {
  const secret = `ghp_${"A".repeat(36)}`;
  fr.append({ type: "terminal_command", actor: "agent", payload: { argv: ["git", "push", `https://x:${secret}@github.com/o/r`], env: { GH_TOKEN: "plain-value-123" } } });
  fr.close();
  const bytes = [flightRecorderPath(temp.handshakeDir), `${flightRecorderPath(temp.handshakeDir)}-wal`]
    .filter((file) => fs.existsSync(file))
    .map((file) => fs.readFileSync(file).toString("latin1"))
    .join("");
  expect(bytes).not.toContain(secret.slice(4));
  expect(bytes).not.toContain("plain-value-123");
  fr = openFlightRecorder(temp.handshakeDir);
});

test("ids and payloads with quotes, backslashes, non-ASCII and U+2028 hash the same in SQLite (verify) as in JS (append)", () => {
  const tricky = ['a"b', "a\\b", "é€😀", "\u2028x\u2029", "<&>", "\u007e~", "\ufeffbom"];
  for (const id of tricky) fr.append({ type: "session.created", actor: "agent", session_id: id, wp_id: id, mt_id: id, workspace_id: id, payload: { id, nested: { [id]: [id] }, ctl: "\u0001\n\t", lone: "\ud800" } });
  expect(fr.verify()).toMatchObject({ ok: true, count: 6 + tricky.length });
  const db = raw();
  try {
    const rows = db.prepare(`SELECT ${EVENT_COLUMNS}, ${HASH_INPUT_SQL} FROM events ORDER BY seq`).raw(true).all() as [...EventRow, string][];
    for (const row of rows) expect(row[12]).toBe(hashInput(row.slice(0, 12) as EventRow));
  } finally {
    db.close();
  }
});

test.each([
  ["the genesis event deleted", ["DELETE FROM events WHERE seq = 1"], { seq: 2, reason: "seq_gap", expected: "1", found: "2" }, 0],
  ["a prev_hash rewritten", [`UPDATE events SET prev_hash = '${"f".repeat(64)}' WHERE seq = 4`], { seq: 4, reason: "prev_hash_mismatch", found: "f".repeat(64) }, 3],
  ["an edit before a later gap", ["UPDATE events SET type = 'lock.acquired' WHERE seq = 2", "DELETE FROM events WHERE seq = 5"], { seq: 2, reason: "hash_mismatch" }, 1],
  ["the last event edited", ["UPDATE events SET mt_id = NULL WHERE seq = 6"], { seq: 6, reason: "hash_mismatch" }, 5],
  ["a NULL payload", ["UPDATE events SET payload = NULL WHERE seq = 3"], { seq: 3, reason: "hash_mismatch" }, 2],
])("verify reports the first problem: %s", (_name, statements, problem, count) => {
  const db = raw();
  try {
    // A table rebuilt without constraints is what a determined editor would do; verify must still name the row.
    db.exec(`DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;`);
    db.exec("CREATE TABLE loose AS SELECT * FROM events; DROP TABLE events; ALTER TABLE loose RENAME TO events;");
    for (const sql of statements) db.exec(sql);
  } finally {
    db.close();
  }
  expect(fr.verify()).toMatchObject({ ok: false, count, head_seq: count, first_bad: problem });
});

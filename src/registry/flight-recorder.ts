// The Flight Recorder: an append-only, hash-chained audit log in its own SQLite file (.handshake/flight-recorder.db),
// separate from the index so that deleting devcc.db never deletes history. Contract: docs/internals.md.
//   recordEvent(handshakeDir, input)  append one event (connection cached per process) and return it
//   openFlightRecorder(handshakeDir)  a handle for reading, verifying, exporting, batch appends; close() it
//   ensureFlightRecorder(handshakeDir) create the file and apply migrations/flight-recorder/ (hs init)
// Each event: hash = sha256(canonical JSON of all fields but hash, prev_hash included); seq 1 links to 64 zeros.
// Payloads are redacted (redact.ts) and bounded to 8 KiB (fr-payload.ts) before anything is written.
import fs from "node:fs";
import path from "node:path";
import { openSqlite, type Db } from "./sqlite.ts";
import { allApplied, applyMigrations, listMigrations } from "./migrations.ts";
import { packagePath } from "../package-root.ts";
import { HsError } from "../errors.ts";
import { makeAppender } from "./fr-append.ts";
import { countEvents, exportJsonl, iterateEvents } from "./fr-query.ts";
import { verifyChain } from "./fr-verify.ts";
import { GENESIS_HASH } from "./fr-hash.ts";
import type { FlightRecorder, FrEvent, FrEventInput } from "./fr-types.ts";
import { shQuote } from "../shim/shell-quote.ts";

export type { FlightRecorder, FrEvent, FrEventInput, FrQuery, FrVerifyProblem, FrVerifyResult, JsonlSink } from "./fr-types.ts";
export { appendStats } from "./fr-append.ts";
export { MAX_PAYLOAD_BYTES } from "./fr-payload.ts";
export { GENESIS_HASH } from "./fr-hash.ts";

export const FLIGHT_RECORDER_FILE = "flight-recorder.db";

export function flightRecorderPath(handshakeDir: string): string {
  return path.join(handshakeDir, FLIGHT_RECORDER_FILE);
}

export interface OpenOptions {
  /** false: refuse when flight-recorder.db does not exist yet (read-only commands must not create an empty log). */
  create?: boolean;
}

export function openFlightRecorder(handshakeDir: string, options: OpenOptions = {}): FlightRecorder {
  const file = flightRecorderPath(handshakeDir);
  if (!fs.existsSync(handshakeDir) || (options.create === false && !fs.existsSync(file))) {
    throw new HsError("HS-NOT-INITIALISED", `no Flight Recorder at ${file}`, { hint: `cd ${shQuote(path.dirname(handshakeDir))} && hs init` });
  }
  const db = openSqlite(file);
  try {
    return recorder(db, file);
  } catch (error) {
    db.close();
    throw error;
  }
}

export function ensureFlightRecorder(handshakeDir: string): void {
  openFlightRecorder(handshakeDir).close();
}

function recorder(db: Db, file: string): FlightRecorder {
  const migrations = listMigrations(packagePath("migrations", "flight-recorder"));
  const applied = allApplied(db, migrations) ? [] : applyMigrations(db, migrations);
  const append = makeAppender(db);
  // The migration runner's own work is history too.
  if (applied.length) {
    append(applied.map((m) => ({ type: "migration.applied", actor: "system", payload: { database: FLIGHT_RECORDER_FILE, version: m.version, name: m.name, checksum: m.checksum } })));
  }
  return {
    file,
    append: (input) => append([input])[0] as FrEvent,
    appendBatch: (inputs) => append(inputs),
    query: (filter) => [...iterateEvents(db, filter)],
    iterate: (filter) => iterateEvents(db, filter),
    count: (filter) => countEvents(db, filter),
    head: () => (db.prepare("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").get() as { seq: number; hash: string } | undefined) ?? { seq: 0, hash: GENESIS_HASH },
    verify: () => verifyChain(db),
    exportJsonl: (out) => exportJsonl(db, out),
    close: () => db.close(),
  };
}

const cache = new Map<string, FlightRecorder>();

/** Appends one event through a connection kept open for the life of the process. */
export function recordEvent(handshakeDir: string, input: FrEventInput): FrEvent {
  const key = path.resolve(handshakeDir);
  let fr = cache.get(key);
  if (!fr) {
    fr = openFlightRecorder(key);
    cache.set(key, fr);
  }
  return fr.append(input);
}

/** Closes the cached connections (tests that delete their temp dirs; long-lived hosts on shutdown). */
export function closeCachedRecorders(): void {
  for (const fr of cache.values()) fr.close();
  cache.clear();
}

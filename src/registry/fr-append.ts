// Appending to the chain. Validation, redaction and bounding happen before the lock; inside one BEGIN IMMEDIATE
// transaction the tail is read and the new rows inserted, so concurrent writers serialise and never fork the chain.
import type { Db } from "./sqlite.ts";
import { immediate } from "./sqlite.ts";
import { ACTORS, isEventType } from "./event-types.ts";
import { HsError } from "../errors.ts";
import { boundPayload } from "./fr-payload.ts";
import { uuidv7 } from "./fr-uuid.ts";
import { EVENT_COLUMNS, GENESIS_HASH, eventHash, type ChainFields, type EventRow } from "./fr-hash.ts";
import type { FrEvent, FrEventInput } from "./fr-types.ts";

const MAX_ID_LENGTH = 256;
const UNSAFE_ID = /[\u0000-\u001f\u007f]|\p{Surrogate}/u;
// busy_timeout (30 s) already waits inside SQLite; this loop only covers the rare BUSY that bypasses the handler.
const MAX_BUSY_WAIT_MS = 60_000;

/** Process-wide counters; the concurrency test and the bench read them. */
export const appendStats = { appended: 0, busyRetries: 0 };

interface Prepared {
  type: string;
  actor: string;
  ids: [string | null, string | null, string | null, string | null];
  payloadJson: string;
}

export function makeAppender(db: Db): (inputs: readonly FrEventInput[]) => FrEvent[] {
  const tail = db.prepare("SELECT seq, hash, timestamp FROM events ORDER BY seq DESC LIMIT 1");
  const insert = db.prepare(`INSERT INTO events (${EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const write = (prepared: Prepared[]): EventRow[] =>
    immediate(db, () => {
      const last = tail.get() as { seq: number; hash: string; timestamp: string } | undefined;
      let seq = last?.seq ?? 0;
      let prev = last?.hash ?? GENESIS_HASH;
      const nowMs = Date.now();
      const now = new Date(nowMs).toISOString();
      // Timestamps never go backwards along the chain, even if the clock does.
      const timestamp = last && last.timestamp > now ? last.timestamp : now;
      return prepared.map((event) => {
        seq += 1;
        const fields: ChainFields = [seq, uuidv7(nowMs), timestamp, event.type, event.actor, ...event.ids, event.payloadJson, prev];
        const row: EventRow = [...fields, eventHash(fields)];
        insert.run(row);
        prev = row[11];
        return row;
      });
    });
  return (inputs) => {
    const prepared = inputs.map(prepare);
    const rows = withBusyRetry(() => write(prepared));
    appendStats.appended += rows.length;
    return rows.map(rowToEvent);
  };
}

function prepare(input: FrEventInput): Prepared {
  if (!input || typeof input.type !== "string" || !isEventType(input.type)) {
    throw new HsError("HS-FR-EVENT-UNKNOWN", `event type '${String(input?.type)}' is not in the closed Flight Recorder registry`, {
      hint: "add the type to EVENT_TYPES in src/registry/event-types.ts, then: npm run build",
      details: { type: input?.type },
    });
  }
  if (!(ACTORS as readonly string[]).includes(input.actor)) invalid(`actor must be one of ${ACTORS.join(", ")}, got '${String(input.actor)}'`);
  const payload = input.payload;
  if (payload !== undefined && (payload === null || typeof payload !== "object" || Array.isArray(payload))) invalid("payload must be a plain object");
  const ids = [input.session_id, input.wp_id, input.mt_id, input.workspace_id].map((id, index) => {
    if (id === undefined || id === null) return null;
    // No control characters or lone surrogates: these ids must read back from SQLite exactly as hashed (fr-verify.ts).
    if (typeof id !== "string" || id.length > MAX_ID_LENGTH || UNSAFE_ID.test(id)) {
      invalid(`${["session_id", "wp_id", "mt_id", "workspace_id"][index]} must be a string of at most ${MAX_ID_LENGTH} printable characters`);
    }
    return id;
  }) as Prepared["ids"];
  return { type: input.type, actor: input.actor, ids, payloadJson: boundPayload(payload).json };
}

function invalid(message: string): never {
  throw new HsError("HS-FR-EVENT-INVALID", message, { hint: "fix the recordEvent call: see FrEventInput in src/registry/fr-types.ts" });
}

export function rowToEvent(row: Readonly<EventRow>): FrEvent {
  const [seq, event_id, timestamp, type, actor, session_id, wp_id, mt_id, workspace_id, payload, prev_hash, hash] = row;
  return { seq, event_id, timestamp, type, actor, session_id, wp_id, mt_id, workspace_id, payload: JSON.parse(payload), prev_hash, hash } as FrEvent;
}

function withBusyRetry<T>(fn: () => T): T {
  const started = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return fn();
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      if (!code.startsWith("SQLITE_BUSY") && code !== "SQLITE_LOCKED") throw wrap(error);
      if (Date.now() - started > MAX_BUSY_WAIT_MS) throw wrap(error);
      appendStats.busyRetries += 1;
      sleep(Math.min(100, 2 ** attempt) + Math.random() * 5);
    }
  }
}

function wrap(error: unknown): unknown {
  if (error instanceof HsError) return error;
  return new HsError("HS-DB", `cannot append to the Flight Recorder: ${(error as Error).message}`, { cause: error, hint: "hs log verify" });
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

// /api/v1/events: the Flight Recorder timeline, and a Server-Sent Events stream of new events fed by polling
// the log (events from any hs process arrive in seq order; the SSE id is the seq, so Last-Event-ID resumes).
import { z } from "zod";
import { ACTORS, isEventType } from "../../registry/event-types.ts";
import { parseSince } from "../../registry/fr-since.ts";
import type { FlightRecorder, FrQuery } from "../../registry/flight-recorder.ts";
import { redactValue } from "../../registry/redact.ts";
import { HsError } from "../../errors.ts";
import { BASE_HEADERS } from "../respond.ts";
import { getRequest } from "../../shim/approvals/requests.ts";
import { ledgerRows } from "../ledger.ts";
import { route } from "../router.ts";
import type { StreamResponse } from "../types.ts";

const Filter = {
  session: z.string().max(64).optional().describe("only events of this session"),
  wp: z.string().max(64).optional().describe("only events about this work packet"),
  mt: z.string().max(64).optional().describe("only events about this micro-task"),
  type: z
    .string()
    .max(128)
    .refine((t) => t.includes("*") || isEventType(t), "not a Flight Recorder event type")
    .optional(),
  actor: z.enum(ACTORS).optional().describe("human | agent | system"),
  since: z.string().max(64).optional().describe("ISO time or a duration back from now: 30s, 10m, 2h, 1d"),
};
const seq = z.string().regex(/^\d{1,15}$/, "a Flight Recorder seq (an integer)");
const ListQuery = z.strictObject({
  ...Filter,
  after: seq.optional().describe("only events after this seq (paging)"),
  limit: z.string().regex(/^\d{1,4}$/).optional().describe("at most this many (newest first when no after), max 1000"),
});
const LedgerQuery = z.strictObject({
  session: Filter.session,
  wp: Filter.wp,
  mt: Filter.mt,
  since: Filter.since,
  decision: z.enum(["allow", "ask", "deny"]).optional().describe("only calls with this gate decision"),
  limit: ListQuery.shape.limit,
});
const StreamQuery = z.strictObject({ ...Filter, after: seq.optional().describe("resume after this seq") });

const BATCH = 500;
const KEEPALIVE_MS = 15_000;

function frQuery(query: z.infer<typeof StreamQuery>): FrQuery {
  return {
    session_id: query.session,
    wp_id: query.wp,
    mt_id: query.mt,
    type: query.type,
    actor: query.actor,
    since: query.since === undefined ? undefined : parseSince(query.since),
  };
}

function startAfter(fr: FlightRecorder, lastEventId: string | undefined, after: string | undefined): number {
  const given = lastEventId ?? after;
  if (given === undefined) return fr.head().seq;
  if (!/^\d{1,15}$/.test(given.trim())) {
    throw new HsError("HS-HTTP-INVALID", `Last-Event-ID '${given}' is not a seq`, { hint: "hs log --limit 20" });
  }
  return Number(given.trim());
}

function eventStream(fr: FlightRecorder, filter: FrQuery, after: number, pollMs: number): StreamResponse {
  return {
    kind: "stream",
    status: 200,
    headers: { ...BASE_HEADERS, "content-type": "text/event-stream; charset=utf-8", connection: "keep-alive" },
    open(write) {
      let last = after;
      let quiet = 0;
      write("retry: 1000\n\n");
      const poll = () => {
        const head = fr.head().seq;
        if (head <= last) {
          quiet += pollMs;
          if (quiet >= KEEPALIVE_MS) (write(": keep-alive\n\n"), (quiet = 0));
          return;
        }
        const rows = [...fr.iterate({ ...filter, after_seq: last, limit: BATCH })];
        for (const event of rows) write(`id: ${event.seq}\ndata: ${JSON.stringify(redactValue(event))}\n\n`);
        last = rows.length === BATCH ? (rows.at(-1)?.seq ?? last) : Math.max(head, rows.at(-1)?.seq ?? 0);
        quiet = 0;
      };
      const timer = setInterval(poll, pollMs);
      poll();
      return () => clearInterval(timer);
    },
  };
}

export const eventRoutes = [
  route<z.infer<typeof ListQuery>>({
    method: "GET",
    path: "/api/v1/events",
    summary: "Flight Recorder events (?session= &wp= &mt= &type= &actor= &since= &after= &limit=)",
    query: ListQuery,
    handle: ({ fr }, { query }) => {
      const limit = Math.min(Number(query.limit ?? 200), 1000);
      const filter = frQuery(query);
      const page = query.after === undefined ? { last: limit } : { after_seq: Number(query.after), limit };
      const events = fr.query({ ...filter, ...page });
      return { events, head_seq: fr.head().seq };
    },
  }),
  route<z.infer<typeof StreamQuery>>({
    method: "GET",
    path: "/api/v1/events/stream",
    summary: "Server-Sent Events: new events as they are written (resumable with Last-Event-ID)",
    query: StreamQuery,
    handle: ({ fr, pollMs, headers }, { query }) =>
      eventStream(fr, frQuery(query), startAfter(fr, headers["last-event-id"], query.after), pollMs),
  }),
  route<z.infer<typeof LedgerQuery>>({
    method: "GET",
    path: "/api/v1/ledger",
    summary: "the Tool Call Ledger: one row per gated tool call (?session= &wp= &mt= &since= &decision= &limit=)",
    query: LedgerQuery,
    handle: ({ ws, fr }, { query }) => {
      const limit = Math.min(Number(query.limit ?? 200), 1000);
      const filter = { ...frQuery({ ...query, type: "gate.decision" }), type: "gate.decision" };
      const events = [];
      for (const event of fr.iterate(query.decision ? filter : { ...filter, last: limit })) {
        if (query.decision && event.payload.decision !== query.decision) continue;
        if (events.push(event) > limit) events.shift();
      }
      return { calls: ledgerRows(events, (id) => getRequest(ws.db, id)) };
    },
  }),
];

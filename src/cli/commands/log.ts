// hs log: read (and follow), verify and export the Flight Recorder.
import fs from "node:fs";
import { parser, parseArgs } from "../args.ts";
import { dispatch } from "../dispatch.ts";
import { EXIT, HsError } from "../../errors.ts";
import { locateWorkspace } from "../../registry/locate.ts";
import { isEventType } from "../../registry/event-types.ts";
import { openFlightRecorder, type FlightRecorder, type FrEvent, type FrQuery } from "../../registry/flight-recorder.ts";
import { parseSince } from "../../registry/fr-since.ts";
import { payloadText } from "../fr-line.ts";

export async function run(argv: string[]): Promise<number | void> {
  try {
    return (await dispatch("log", argv, { verify, export: exportLog }, show)) ?? EXIT.ok;
  } catch (error) {
    // `hs log | head` closes the pipe early: that is the reader's choice, not a failure.
    if ((error as { code?: string }).code === "EPIPE") return EXIT.ok;
    throw error;
  }
}

/** Synchronous stdout: a closed pipe surfaces as EPIPE at the write that hit it, so long outputs stop at once. */
const stdout = {
  write(text: string): void {
    let buffer = Buffer.from(text);
    while (buffer.length) {
      try {
        buffer = buffer.subarray(fs.writeSync(1, buffer));
      } catch (error) {
        if ((error as { code?: string }).code !== "EAGAIN") throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      }
    }
  },
};

function printLines(lines: string[]): void {
  if (lines.length) stdout.write(lines.join("\n") + "\n");
}

function printJson(value: unknown): void {
  stdout.write(JSON.stringify(value, null, 2) + "\n");
}

function open(): FlightRecorder {
  return openFlightRecorder(locateWorkspace(process.cwd()).handshakeDir, { create: false });
}

function noPositionals(args: { _: (string | number)[] }, usage: string): void {
  if (args._.length) throw new HsError("HS-USAGE", `unexpected argument '${args._[0]}'`, { hint: usage });
}

async function show(argv: string[]): Promise<number> {
  const args = parseArgs(
    argv,
    parser(argv, "hs log")
    .option("session", { type: "string", describe: "only events of this session" })
    .option("wp", { type: "string", describe: "only events about this work packet" })
    .option("mt", { type: "string", describe: "only events about this micro-task" })
    .option("type", { type: "string", describe: "only this event type, or a glob such as 'session.*'" })
    .option("since", { type: "string", describe: "ISO time or a duration back from now: 30s, 10m, 2h, 1d, 1w" })
    .option("limit", { type: "number", describe: "only the newest N matching events" })
    .option("json", { type: "boolean", default: false, describe: "a JSON array (JSON Lines with --follow)" })
    .option("follow", { alias: "f", type: "boolean", default: false, describe: "print new events as they are written, until Ctrl-C (starts at the end)" })
    .option("from-start", { type: "boolean", default: false, describe: "with --follow: print the matching history first" })
    .option("interval", { type: "number", default: 250, hidden: true, describe: "poll interval for --follow, ms" }),
  );
  if (!args) return EXIT.ok;
  noPositionals(args, "hs log --help");
  if (args.type !== undefined && !args.type.includes("*") && !isEventType(args.type)) {
    throw new HsError("HS-FR-EVENT-UNKNOWN", `'${args.type}' is not a Flight Recorder event type`, { hint: `hs log --type '${args.type.split(".")[0]}.*'` });
  }
  if (args.limit !== undefined && !(Number.isInteger(args.limit) && args.limit > 0)) {
    throw new HsError("HS-USAGE", "--limit must be a positive integer", { hint: "hs log --limit 50" });
  }
  const filter: FrQuery = { session_id: args.session, wp_id: args.wp, mt_id: args.mt, type: args.type, since: args.since === undefined ? undefined : parseSince(args.since) };
  const fr = open();
  try {
    // The head is read before the first page so that nothing appended in between is skipped by --follow.
    const head = fr.head().seq;
    // Like tail -f: following starts at the end unless history was asked for (--from-start, --limit, --since).
    const history = !args.follow || args["from-start"] || args.limit !== undefined || args.since !== undefined;
    const page = () => fr.iterate({ ...filter, last: args.limit });
    const lastShown = !history ? 0 : args.json && !args.follow ? printJsonArray(page()) : emit(page(), args.json);
    if (args.follow) await follow(fr, filter, Math.max(head, lastShown), args.json, args.interval);
  } finally {
    fr.close();
  }
  return EXIT.ok;
}

const CHUNK_CHARS = 1 << 20;

/** Streams events as lines (JSON Lines with json); returns the last seq written, 0 if none. */
function emit(events: Iterable<FrEvent>, json: boolean): number {
  return streamOut(events, (event) => (json ? JSON.stringify(event) : line(event)) + "\n");
}

/** The same text as JSON.stringify(array, null, 2), written as it is read. */
function printJsonArray(events: Iterable<FrEvent>): number {
  let first = true;
  const last = streamOut(events, (event) => {
    const text = `${first ? "[\n  " : ",\n  "}${JSON.stringify(event, null, 2).split("\n").join("\n  ")}`;
    first = false;
    return text;
  });
  stdout.write(first ? "[]\n" : "\n]\n");
  return last;
}

function streamOut(events: Iterable<FrEvent>, format: (event: FrEvent) => string): number {
  let buffer = "";
  let last = 0;
  for (const event of events) {
    buffer += format(event);
    last = event.seq;
    if (buffer.length >= CHUNK_CHARS) (stdout.write(buffer), (buffer = ""));
  }
  if (buffer) stdout.write(buffer);
  return last;
}

function line(event: FrEvent): string {
  const columns = [String(event.seq).padStart(6), event.timestamp, event.type.padEnd(24), event.actor.padEnd(6), (event.session_id ?? "-").padEnd(12), payloadText(event.payload)];
  return columns.join("  ").trimEnd();
}

/** Polls for events after `afterSeq` until SIGINT, SIGTERM or the reader closes the pipe. */
function follow(fr: FlightRecorder, filter: FrQuery, afterSeq: number, json: boolean, interval: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = afterSeq;
    let timer: NodeJS.Timeout | undefined;
    const finish = (error?: unknown) => {
      clearTimeout(timer);
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      if (error) reject(error);
      else resolve();
    };
    const stop = () => finish();
    const poll = () => {
      try {
        const head = fr.head().seq;
        if (head > seen) {
          seen = Math.max(head, emit(fr.iterate({ ...filter, after_seq: seen }), json));
        }
        timer = setTimeout(poll, interval);
      } catch (error) {
        finish(error);
      }
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    // On stderr, so that piped events stay clean; it also tells a script that nothing after `seen` can be missed.
    process.stderr.write(`hs: following the Flight Recorder after event ${seen}; Ctrl-C stops\n`);
    timer = setTimeout(poll, interval);
  });
}

async function verify(argv: string[]): Promise<number> {
  const args = parseArgs(
    argv,
    parser(argv, "hs log verify")
    .option("json", { type: "boolean", default: false }),
  );
  if (!args) return EXIT.ok;
  noPositionals(args, "hs log verify --help");
  const fr = open();
  try {
    const result = fr.verify();
    const bad = result.first_bad;
    if (bad) {
      throw new HsError("HS-FR-CHAIN-BROKEN", `chain broken at event #${bad.seq} (${bad.reason}): expected ${bad.expected}, found ${bad.found}; ${result.count} events before it verify`, {
        hint: `hs log export --out flight-recorder-evidence.jsonl   # keep the evidence; events from #${bad.seq} on cannot be trusted`,
        details: { file: fr.file, ...result },
      });
    }
    if (args.json) printJson({ file: fr.file, ...result });
    else printLines([`Flight Recorder verified: ${result.count} events, chain intact (head #${result.head_seq} ${result.head_hash}) in ${Math.round(result.duration_ms)} ms`]);
  } finally {
    fr.close();
  }
  return EXIT.ok;
}

async function exportLog(argv: string[]): Promise<number> {
  const args = parseArgs(
    argv,
    parser(argv, "hs log export")
    .option("out", { type: "string", describe: "write to FILE instead of stdout" })
    .option("json", { type: "boolean", default: false, describe: "accepted for symmetry: the export is JSON Lines already" }),
  );
  if (!args) return EXIT.ok;
  noPositionals(args, "hs log export --help");
  const fr = open();
  try {
    const count = fr.exportJsonl(args.out ?? stdout);
    if (args.out) process.stderr.write(`hs: exported ${count} events to ${args.out}\n`);
  } finally {
    fr.close();
  }
  return EXIT.ok;
}

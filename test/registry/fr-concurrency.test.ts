// 16 writer processes append at the same instant: every event lands, the chain verifies, no writer sees SQLITE_BUSY.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ensureFlightRecorder, openFlightRecorder } from "../../src/registry/flight-recorder.ts";
import { bundleScript } from "./fr-bundle.ts";
import { tempHandshakeDir } from "./fr-temp.ts";

const WRITERS = 16;
const PER_WRITER = 200;
let writer: string;
const temp = tempHandshakeDir();

beforeAll(async () => {
  writer = await bundleScript(path.join(import.meta.dirname, "fixtures", "fr-writer.ts"), "fr-writer");
});
afterAll(() => {
  temp.cleanup();
  fs.rmSync(writer, { force: true });
});

interface WriterReport {
  writer: number;
  appended: number;
  busyRetries: number;
  errors: number;
  firstErrors: string[];
}

function runWriter(id: number, startAt: number): Promise<WriterReport> {
  return runWriterIn(temp.handshakeDir, id, PER_WRITER, startAt);
}

function runWriterIn(handshakeDir: string, id: number, count: number, startAt: number): Promise<WriterReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, handshakeDir, String(id), String(count), String(startAt)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`writer ${id} exited ${code}: ${err}`))));
  });
}

test(`${WRITERS} concurrent writer processes x ${PER_WRITER} events: exact count, chain verifies, zero busy errors`, async () => {
  ensureFlightRecorder(temp.handshakeDir);
  const startAt = Date.now() + 1500;
  let running = true;
  const all = Promise.all(Array.from({ length: WRITERS }, (_, id) => runWriter(id, startAt))).finally(() => (running = false));
  // A reader verifying while the writers append always sees a consistent, verifiable prefix of the chain.
  const reader = openFlightRecorder(temp.handshakeDir);
  const seen: number[] = [];
  while (running) {
    const snapshot = reader.verify();
    expect(snapshot.ok).toBe(true);
    seen.push(snapshot.count);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  reader.close();
  expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  const reports = await all;
  expect(reports.map((report) => report.errors)).toEqual(Array(WRITERS).fill(0));
  expect(reports.reduce((sum, report) => sum + report.appended, 0)).toBe(WRITERS * PER_WRITER);
  const fr = openFlightRecorder(temp.handshakeDir);
  try {
    const verify = fr.verify();
    expect(verify.ok).toBe(true);
    // +1: the migration.applied event written when the file was created
    expect(verify.count).toBe(WRITERS * PER_WRITER + 1);
    for (let id = 0; id < WRITERS; id += 1) {
      const mine = fr.query({ session_id: `writer-${id}` }).map((event) => (event.payload as { i: number }).i);
      expect(mine).toEqual(Array.from({ length: PER_WRITER }, (_, i) => i));
    }
    const retries = reports.reduce((sum, report) => sum + report.busyRetries, 0);
    console.log(`fr concurrency: ${WRITERS} writers x ${PER_WRITER} events, busy retries after busy_timeout: ${retries}`);
    expect(retries).toBe(0);
  } finally {
    fr.close();
  }
});

test(`${WRITERS} writer processes racing to create a fresh flight-recorder.db: migrations applied once, nothing lost`, async () => {
  const fresh = tempHandshakeDir();
  try {
    const startAt = Date.now() + 1500;
    const reports = await Promise.all(Array.from({ length: WRITERS }, (_, id) => runWriterIn(fresh.handshakeDir, id, 20, startAt)));
    expect(reports.map((report) => report.errors), JSON.stringify(reports.flatMap((report) => report.firstErrors ?? []))).toEqual(Array(WRITERS).fill(0));
    const fr = openFlightRecorder(fresh.handshakeDir);
    try {
      expect(fr.verify()).toMatchObject({ ok: true, count: WRITERS * 20 + 1 });
      expect(fr.query({ type: "migration.applied" })).toHaveLength(1);
    } finally {
      fr.close();
    }
  } finally {
    fresh.cleanup();
  }
});

// hs log, hs log verify, hs log export through the built CLI in a real repository after hs init.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, expect, test } from "vitest";
import { HS_BIN, hs } from "../helpers/hs.ts";
import { cleanEnv, makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { until } from "../sandbox/procs.ts";
import { closeCachedRecorders, flightRecorderPath, recordEvent } from "../../src/registry/flight-recorder.ts";

let repo: TempRepo;
let handshakeDir: string;

beforeEach(() => {
  repo = makeTempRepo();
  const init = hs(["init"], { cwd: repo.root });
  expect(init.code, init.stderr).toBe(0);
  handshakeDir = path.join(repo.root, ".handshake");
});
afterEach(() => {
  closeCachedRecorders();
  repo.cleanup();
});

function seed(): number {
  recordEvent(handshakeDir, { type: "session.created", actor: "human", session_id: "alpha", payload: { scope: ["src/**"] } });
  recordEvent(handshakeDir, { type: "terminal_command", actor: "agent", session_id: "alpha", payload: { argv: ["git", "push", `https://u:${"p".repeat(12)}@h/r`] } });
  recordEvent(handshakeDir, { type: "session.created", actor: "human", session_id: "beta" });
  closeCachedRecorders();
  return hs(["log", "verify", "--json"], { cwd: repo.root }).json().count;
}

test("hs log verify proves a fresh chain and reports the count", () => {
  const total = seed();
  const human = hs(["log", "verify"], { cwd: repo.root });
  expect(human.code).toBe(0);
  expect(human.stdout).toMatch(new RegExp(`verified: ${total} events, chain intact`));
  expect(hs(["log", "verify", "--json"], { cwd: repo.root }).json()).toMatchObject({ ok: true, count: total, head_seq: total });
});

test("a tampered row makes hs log verify fail with HS-FR-CHAIN-BROKEN naming the seq, both hashes and the next command", () => {
  seed();
  const db = new Database(flightRecorderPath(handshakeDir));
  const row = db.prepare("SELECT seq, hash FROM events WHERE session_id = 'beta'").get() as { seq: number; hash: string };
  db.exec("DROP TRIGGER events_no_update");
  db.prepare("UPDATE events SET actor = 'agent' WHERE seq = ?").run(row.seq);
  db.close();
  const result = hs(["log", "verify"], { cwd: repo.root });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`[HS-FR-CHAIN-BROKEN] chain broken at event #${row.seq} (hash_mismatch)`);
  expect(result.stderr).toContain(`found ${row.hash}`);
  expect(result.stderr).toMatch(/next: hs log export --out /);
  const json = hs(["log", "verify", "--json"], { cwd: repo.root });
  expect(json.code).toBe(1);
  expect(json.json().error).toMatchObject({ code: "HS-FR-CHAIN-BROKEN", details: { ok: false, count: row.seq - 1, first_bad: { seq: row.seq, reason: "hash_mismatch", found: row.hash } } });
});

test("hs log filters by session and type, prints human lines, and never shows a secret", () => {
  seed();
  const alpha = hs(["log", "--session", "alpha", "--json"], { cwd: repo.root });
  expect(alpha.code, alpha.stderr).toBe(0);
  expect(alpha.json().map((event: { type: string }) => event.type)).toEqual(["session.created", "terminal_command"]);
  expect(alpha.stdout).not.toContain("p".repeat(12));
  const created = hs(["log", "--type", "session.created", "--json"], { cwd: repo.root }).json();
  expect(created.map((event: { session_id: string }) => event.session_id)).toEqual(["alpha", "beta"]);
  expect(hs(["log", "--type", "session.*", "--limit", "1", "--json"], { cwd: repo.root }).json()).toHaveLength(1);
  const human = hs(["log", "--session", "beta"], { cwd: repo.root });
  expect(human.stdout.trim()).toMatch(/^\d+ {2}\d{4}-\d\d-\d\dT[\d:.]+Z {2}session\.created\s+human\s+beta$/);
});

test("--since takes durations and ISO times; a bad value is a usage error with an example", () => {
  seed();
  expect(hs(["log", "--since", "1h", "--json"], { cwd: repo.root }).json().length).toBeGreaterThan(3);
  expect(hs(["log", "--since", "2999-01-01T00:00:00Z", "--json"], { cwd: repo.root }).json()).toEqual([]);
  const bad = hs(["log", "--since", "yesterday"], { cwd: repo.root });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain("next: hs log --since 10m");
  const unknown = hs(["log", "--type", "nope.nothing"], { cwd: repo.root });
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain("HS-FR-EVENT-UNKNOWN");
});

test("hs log export writes one JSON line per event, to a file or stdout", () => {
  const total = seed();
  const out = path.join(repo.dir, "fr.jsonl");
  const result = hs(["log", "export", "--out", out], { cwd: repo.root });
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toContain(`exported ${total} events`);
  const lines = fs.readFileSync(out, "utf8").trimEnd().split("\n");
  expect(lines.map((line) => JSON.parse(line).seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  expect(hs(["log", "export"], { cwd: repo.root }).stdout).toBe(fs.readFileSync(out, "utf8"));
});

test("hs log --follow prints new events as they are appended and exits 0 on SIGINT", async () => {
  seed();
  const child = spawn(process.execPath, [HS_BIN, "log", "--follow", "--json", "--session", "gamma", "--interval", "50"], { cwd: repo.root, env: cleanEnv() });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
  await until("hs log --follow to start", () => stderr.includes("hs: following the Flight Recorder after event"), 30_000);
  recordEvent(handshakeDir, { type: "session.created", actor: "human", session_id: "gamma" });
  recordEvent(handshakeDir, { type: "session.created", actor: "human", session_id: "delta" });
  recordEvent(handshakeDir, { type: "session.state_change", actor: "system", session_id: "gamma", payload: { from: "created", to: "active" } });
  const deadline = Date.now() + 10_000;
  while (stdout.trim().split("\n").filter(Boolean).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  child.kill("SIGINT");
  expect(await closed).toBe(0);
  const lines = stdout.trim().split("\n").map((line) => JSON.parse(line));
  // the initial (empty) page is a JSON array line only without --follow; with --follow every event is one line
  expect(lines.map((event) => event.type)).toEqual(["session.created", "session.state_change"]);
});

test("a reader that closes the pipe early (hs log export | head -1) ends hs with exit 0 and no stack trace", async () => {
  const fr = (await import("../../src/registry/flight-recorder.ts")).openFlightRecorder(handshakeDir);
  fr.appendBatch(Array.from({ length: 5000 }, (_, i) => ({ type: "terminal_command" as const, actor: "agent" as const, payload: { i, text: "x".repeat(200) } })));
  fr.close();
  for (const args of [["log", "export"], ["log"], ["log", "--json"]]) {
    const child = spawn(process.execPath, [HS_BIN, ...args], { cwd: repo.root, env: cleanEnv() });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect({ args, code, stderr }).toEqual({ args, code: 0, stderr: "" });
  }
});

test("hs log outside an initialised repository says to run hs init", () => {
  const bare = makeTempRepo();
  try {
    const result = hs(["log"], { cwd: bare.root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("HS-NOT-INITIALISED");
    expect(result.stderr).toMatch(/next: cd \S+ && hs init/);
  } finally {
    bare.cleanup();
  }
});

test("hs log --follow starts at the end (like tail -f); --from-start prints the history first; ids are never cut", async () => {
  seed();
  const follow = (extra: string[]) => {
    const child = spawn(process.execPath, [HS_BIN, "log", "--follow", "--interval", "50", ...extra], { cwd: repo.root, env: cleanEnv() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    return { output: () => stdout, ready: () => stderr.includes("hs: following the Flight Recorder after event"), stop: () => (child.kill("SIGINT"), closed) };
  };
  const fromEnd = follow([]);
  const fromStart = follow(["--from-start"]);
  await until("both followers to start", () => fromEnd.ready() && fromStart.ready(), 30_000);
  const requestId = `ap-${"f".repeat(150)}`;
  recordEvent(handshakeDir, { type: "approval.requested", actor: "agent", session_id: "alpha", payload: { request_id: requestId, note: "n".repeat(200) } });
  const deadline = Date.now() + 10_000;
  while (![fromEnd, fromStart].every((f) => f.output().includes("approval.requested")) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await fromEnd.stop()).toBe(0);
  expect(await fromStart.stop()).toBe(0);
  expect(fromEnd.output().trim().split("\n")).toHaveLength(1);
  expect(fromEnd.output()).toContain(`request_id=${requestId}`);
  expect(fromEnd.output()).toContain(`note=${"n".repeat(77)}...`);
  expect(fromStart.output()).toContain("session.created");
  expect(fromStart.output()).toContain(`request_id=${requestId}`);
});

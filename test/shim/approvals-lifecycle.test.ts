// The request lifecycle through real shells behind the shim (no session host): a waiter killed by each
// signal, a retry attaching, approve-then-retry (used exactly once), deny-then-retry (told once), expiry.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hs } from "../helpers/hs.ts";
import { gated, gatedAsync, makeGateRepo, pendingRequest, sleep, type GateRepo } from "./session-shell.ts";

let g: GateRepo;
let s1: string;
beforeAll(() => {
  g = makeGateRepo({ s1: ["src/**"] });
  s1 = g.wt("s1");
});
afterAll(() => g?.cleanup());

const commits = (message: string) => g.repo.git(["log", "--all", "--format=%s"], { cwd: s1 }).stdout.split("\n").filter((line) => line === message).length;
const list = (all = false) => hs(["approvals", "--json", ...(all ? ["--all"] : [])], { cwd: g.repo.root }).json() as any[];
const state = () => hs(["session", "show", "s1", "--json"], { cwd: g.repo.root }).json().state;
const commit = (message: string) => `git commit -q --no-verify --allow-empty -m ${message}; echo rc=$?`;
const SHORT = { HS_APPROVAL_TIMEOUT_SECONDS: "1" };

/** Live waiters straight from devcc.db, counted as hs counts them (rows whose process is alive). */
function waiterPids(requestId: string): number[] {
  const db = new Database(path.join(g.repo.root, ".handshake", "devcc.db"), { readonly: true });
  try {
    const rows = db.prepare("SELECT pid FROM gate_waiters WHERE request_id = ?").all(requestId) as { pid: number }[];
    return rows.map((row) => row.pid);
  } finally {
    db.close();
  }
}

describe("a waiter that dies leaves the request pending, with nobody waiting", () => {
  it.each(["SIGINT", "SIGTERM", "SIGKILL"] as const)("killed by %s (whole process group)", async (signal) => {
    const message = `killed-${signal}`;
    const run = gatedAsync("s1", `exec git commit -q --no-verify --allow-empty -m ${message}`, { cwd: s1 });
    const request = await pendingRequest(g.repo.root, "s1", message);
    for (let i = 0; i < 50 && waiterPids(request.id).length === 0; i++) await sleep(100);
    expect(waiterPids(request.id)).toHaveLength(1);
    expect(state()).toBe("blocked");
    process.kill(-run.pid, signal);
    const result = await run.done;
    // The shim's shell dies of the signal, or its gate passes the conventional code through (130 for Ctrl-C).
    expect([signal, 130, 143]).toContain(result.code === null ? result.signal : result.code);
    const after = list().find((entry) => entry.id === request.id);
    expect(after).toMatchObject({ status: "pending", waiters: 0 });
    expect(Date.now() - Date.parse(after.nobody_waiting_since)).toBeLessThan(30_000);
    expect(state()).not.toBe("blocked");
    expect(waiterPids(request.id)).toEqual([]);
    expect(commits(message)).toBe(0);
    expect(hs(["deny", request.id, "--reason", "test over"], { cwd: g.repo.root }).code).toBe(0);
  });
});

describe("retries", () => {
  it("a retry of the same command attaches to the pending request; one approval runs it once", async () => {
    const first = gated("s1", commit("attach"), { cwd: s1, env: SHORT });
    expect(first.stdout).toBe("rc=77\n");
    const id = /approve request (ap-[0-9a-f]{8})/.exec(first.stderr)?.[1];
    expect(id, first.stderr).toBeTruthy();
    const sessions = hs(["session", "list", "--json"], { cwd: g.repo.root }).json() as any[];
    expect(sessions.find((session) => session.id === "s1").pending_approvals).toBe(1);
    expect(hs(["session", "list"], { cwd: g.repo.root }).stdout).toMatch(/ASKS[\s\S]*s1\s+\S+\s+1\s/);
    const retry = gatedAsync("s1", commit("attach"), { cwd: s1 });
    for (let i = 0; i < 100 && waiterPids(id!).length === 0; i++) await sleep(100);
    expect(list().filter((entry) => entry.argv.includes("attach")).map((entry) => entry.id)).toEqual([id]);
    expect(hs(["approve", id!], { cwd: g.repo.root }).code).toBe(0);
    const done = await retry.done;
    expect(done.stdout).toBe("rc=0\n");
    expect(done.stderr).toContain(`same command as pending request ${id}`);
    expect(commits("attach")).toBe(1);
  });

  it("approve after the command gave up: the next identical run uses the approval, exactly once", () => {
    const first = gated("s1", commit("later"), { cwd: s1, env: SHORT });
    const id = /approve request (ap-[0-9a-f]{8})/.exec(first.stderr)![1]!;
    expect(hs(["approve", id], { cwd: g.repo.root }).code).toBe(0);
    const again = gated("s1", commit("later"), { cwd: s1, env: SHORT });
    expect(again.stdout).toBe("rc=0\n");
    expect(again.stderr).toContain(`request ${id}`);
    expect(commits("later")).toBe(1);
    const third = gated("s1", commit("later"), { cwd: s1, env: SHORT });
    expect(third.stdout).toBe("rc=77\n");
    expect(third.stderr).not.toContain(id);
    expect(commits("later")).toBe(1);
    // Another cwd is another command: it never uses this approval.
    const consumed = list(true).find((entry) => entry.id === id);
    expect(consumed.consumed_at).toEqual(expect.any(String));
  });

  it("deny after the command gave up: the next identical run is told once, the one after asks again", () => {
    const first = gated("s1", commit("refused"), { cwd: s1, env: SHORT });
    const id = /approve request (ap-[0-9a-f]{8})/.exec(first.stderr)![1]!;
    expect(hs(["deny", id, "--reason", "use a normal commit"], { cwd: g.repo.root }).code).toBe(0);
    const told = gated("s1", commit("refused"), { cwd: s1, env: SHORT });
    expect(told.stdout).toBe("rc=77\n");
    expect(told.stderr).toContain(`the operator denied ${id}: use a normal commit`);
    const asked = gated("s1", commit("refused"), { cwd: s1, env: SHORT });
    expect(asked.stderr).toMatch(/has been asked to approve request ap-/);
    expect(asked.stderr).not.toContain(id);
    expect(commits("refused")).toBe(0);
  });
});

describe("expiry", () => {
  it("a request nobody decides expires after approvals.timeout_seconds; a retry files a new one", async () => {
    const file = path.join(g.repo.root, ".handshake", "workspace.json");
    const original = fs.readFileSync(file, "utf8");
    const config = JSON.parse(original);
    config.approvals.timeout_seconds = 2;
    fs.writeFileSync(file, JSON.stringify(config, null, 2));
    try {
      const first = gated("s1", commit("expires"), { cwd: s1, env: SHORT });
      const id = /approve request (ap-[0-9a-f]{8})/.exec(first.stderr)![1]!;
      await sleep(2200);
      expect(list(true).find((entry) => entry.id === id).status).toBe("expired");
      const events = hs(["log", "--type", "approval.expired", "--json", "--limit", "100"], { cwd: g.repo.root }).json() as any[];
      expect(events.some((event) => event.payload.request_id === id)).toBe(true);
      expect(hs(["approve", id], { cwd: g.repo.root }).stderr).toContain("HS-APPROVAL-DECIDED");
      const retry = gated("s1", commit("expires"), { cwd: s1, env: SHORT });
      const next = /approve request (ap-[0-9a-f]{8})/.exec(retry.stderr)?.[1];
      expect(next).toBeTruthy();
      expect(next).not.toBe(id);
      expect(commits("expires")).toBe(0);
    } finally {
      fs.writeFileSync(file, original);
    }
  });
});

// The request lifecycle through a real session host and sandbox (`hs session run`): a waiting command killed
// inside the session (as an agent's tool timeout kills it) is noticed by the host within a second, the
// request outlives it and the host; after a host crash and restart the retry uses the approval once.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture, runIn, type Fixture } from "./fixture.ts";
import { hostRow, sleep, until } from "./procs.ts";

let fx: Fixture;
beforeAll(() => {
  fx = buildFixture();
});
afterAll(() => fx?.cleanup());

function db<T>(fn: (db: Database.Database) => T): T {
  const handle = new Database(path.join(fx.main, ".handshake", "devcc.db"), { readonly: true });
  try {
    return fn(handle);
  } finally {
    handle.close();
  }
}
const waiters = (id: string) => db((d) => (d.prepare("SELECT COUNT(*) AS n FROM gate_waiters WHERE request_id = ?").get(id) as { n: number }).n);
const requestFor = (word: string) =>
  db((d) => d.prepare("SELECT request_id AS id, status FROM gate_requests WHERE argv_json LIKE ? ORDER BY created_at DESC").get(`%${word}%`) as { id: string; status: string } | undefined);
const sessionState = () => db((d) => (d.prepare("SELECT state FROM model_sessions WHERE session_id = 's1'").get() as { state: string }).state);
const commits = (message: string) => fx.git(["log", "--all", "--format=%s"]).split("\n").filter((line) => line === message).length;

const FRESH_GROUP = "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.setsid(); os.execvp(sys.argv[1], sys.argv[1:])";

describe("approvals through the session host", () => {
  it("a waiter killed inside the session by SIGINT, SIGTERM or SIGKILL of its group is noticed within a second", async () => {
    const marks = path.join(fx.s1, ".marks");
    const steps = ["INT", "TERM", "KILL"].map(
      (sig) =>
        // A background job of `sh -c` ignores SIGINT; an agent's tool starts its command in a fresh group without that.
        `python3 -c "${FRESH_GROUP}" git commit -q --no-verify --allow-empty -m host-${sig} 2>/tmp/w-${sig}.txt & w=$!; ` +
        `until grep -q 'approve request' /tmp/w-${sig}.txt; do sleep 0.1; done; echo waiting-${sig} >> ${marks}; sleep 1; ` +
        `kill -${sig} -$w; echo killed-${sig} >> ${marks}; wait $w; sleep 1.5`,
    );
    const run = runIn(fx, steps.join("; "), { env: { HS_APPROVAL_TIMEOUT_SECONDS: "60" } });
    for (const sig of ["INT", "TERM", "KILL"]) {
      const read = () => (fs.existsSync(marks) ? fs.readFileSync(marks, "utf8") : "");
      await until(`waiting-${sig}`, () => read().includes(`waiting-${sig}`), 30_000);
      const request = await until(`request host-${sig}`, () => requestFor(`host-${sig}`));
      await until(`a waiter on ${request.id}`, () => waiters(request.id) === 1, 5000);
      expect(sessionState()).toBe("blocked");
      await until(`killed-${sig}`, () => read().includes(`killed-${sig}`), 10_000);
      const killedAt = Date.now();
      await until(`no waiter on ${request.id}`, () => waiters(request.id) === 0, 2000);
      expect(Date.now() - killedAt).toBeLessThan(1000);
      expect(requestFor(`host-${sig}`)?.status).toBe("pending");
      await until("not blocked", () => sessionState() !== "blocked", 2000);
    }
    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    for (const sig of ["INT", "TERM", "KILL"]) expect(commits(`host-${sig}`)).toBe(0);
    for (const sig of ["INT", "TERM", "KILL"]) expect(fx.hs(["deny", requestFor(`host-${sig}`)!.id, "--reason", "test over"]).code).toBe(0);
  });

  it("the host crashes while a command waits: the request stays pending, and after a restart the retry uses the approval once", async () => {
    // Counted inside the session: its new commits stay in its private object store until handed over.
    const line = "git commit -q --no-verify --allow-empty -m after-restart; echo rc=$?; echo made=$(git log --format=%s | grep -c '^after-restart$')";
    const crashed = runIn(fx, line, { env: { HS_APPROVAL_TIMEOUT_SECONDS: "60" } });
    const request = await until("the request", () => requestFor("after-restart"), 30_000);
    await until("its waiter", () => waiters(request.id) === 1, 10_000);
    const host = hostRow(fx.main, "s1")!.host_pid;
    process.kill(host, "SIGKILL");
    await crashed;
    await sleep(200);
    const listed = JSON.parse(fx.hs(["approvals", "--json"]).stdout) as any[];
    expect(listed.find((entry) => entry.id === request.id)).toMatchObject({ status: "pending", waiters: 0 });
    expect(fx.hs(["approve", request.id]).code).toBe(0);
    const retry = await runIn(fx, line);
    expect(retry.stdout, retry.stderr).toContain("rc=0\nmade=1\n");
    expect(retry.stderr).toContain(request.id);
    const again = await runIn(fx, line, { env: { HS_APPROVAL_TIMEOUT_SECONDS: "1" } });
    expect(again.stdout).toContain("rc=77\nmade=1\n");
  });
});

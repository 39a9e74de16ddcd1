// Limits (issue 8, class 11) against a hostile session in a real sandbox: a process flood, a memory hog and
// a host-socket flood are contained, the host stays responsive, and the Flight Recorder grows by a bounded
// amount with one limit event per burst. Prints the measured figures.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { hsAsync } from "../helpers/hs.ts";
import { lockFixture, type LockFixture } from "./lock-fixture.ts";

let fx: LockFixture | undefined;
afterEach(() => {
  fx?.cleanup();
  fx = undefined;
});

function setLimits(fx: LockFixture, limits: Record<string, number | null>): void {
  const file = path.join(fx.main, ".handshake/workspace.json");
  const config = JSON.parse(fs.readFileSync(file, "utf8"));
  config.limits = { socket_requests_per_minute: 600, socket_bytes_per_minute: 4 * 1024 * 1024, processes: 1024, memory_mb: 8192, ...limits };
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
}

const frBytes = (fx: LockFixture) =>
  ["flight-recorder.db", "flight-recorder.db-wal"].reduce((sum, name) => sum + (fs.statSync(path.join(fx.main, ".handshake", name), { throwIfNoEntry: false })?.size ?? 0), 0);

/** Runs the session while timing a trivial host-side spawn every 50 ms; returns the slowest. */
async function whileTimingHost<T>(work: Promise<T>): Promise<{ result: T; slowestMs: number }> {
  let done = false;
  let slowestMs = 0;
  const probe = (async () => {
    while (!done) {
      const start = process.hrtime.bigint();
      spawnSync("/bin/true");
      slowestMs = Math.max(slowestMs, Number(process.hrtime.bigint() - start) / 1e6);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const result = await work;
  done = true;
  await probe;
  return { result, slowestMs };
}

describe("process and memory caps", () => {
  it("a process flood stops at limits.processes inside the sandbox; a memory hog is stopped at limits.memory_mb", async () => {
    fx = lockFixture([{ id: "l1", scope: ["notes/**"] }]);
    setLimits(fx, { processes: 64, memory_mb: 256 });
    const line = [
      "( i=0; while [ $i -lt 400 ]; do sleep 30 & i=$((i+1)); done ) 2>/dev/null &",
      "j=0; while [ $j -lt 400000 ]; do j=$((j+1)); done",
      "n=0; for p in /proc/[0-9]*; do n=$((n+1)); done; echo count=$n",
    ].join("\n");
    const { result, slowestMs } = await whileTimingHost(fx.run("l1", line));
    const count = Number(/count=(\d+)/.exec(result.stdout)?.[1]);
    const limits = fx.events("host.started").at(-1)?.payload.limits;
    console.log(`process flood: ${count} processes at most inside (cap 64, flood of 400), slowest host spawn ${slowestMs.toFixed(1)} ms, applied ${JSON.stringify(limits)}`);
    expect(count).toBeGreaterThan(32);
    expect(count).toBeLessThanOrEqual(64);
    expect(slowestMs).toBeLessThan(1000);
    expect(fs.readdirSync("/sys/fs/cgroup/pids").filter((name) => name.startsWith("hs-l1-"))).toEqual([]);

    const started = Date.now();
    const hog = await fx.run("l1", "head -c 1000000000 /dev/zero | tail > /dev/null; echo hog=$?");
    console.log(`memory hog: 1 GB line into tail under a 256 MiB cap -> ${/hog=\d+/.exec(hog.stdout)?.[0]} after ${Date.now() - started} ms`);
    expect(hog.stdout).toMatch(/hog=[1-9]/);
  });
});

describe("host-socket caps", () => {
  it("a flood of 3,000 gate requests is refused past limits.socket_requests_per_minute, recorded once, the FR growth bounded", async () => {
    fx = lockFixture([{ id: "l1", scope: ["notes/**"] }]);
    setLimits(fx, { socket_requests_per_minute: 120 });
    const before = frBytes(fx);
    const decisionsBefore = fx.events("gate.decision").length;
    const started = Date.now();
    const flood = await fx.run("l1", 'ok=0; no=0; i=0; while [ $i -lt 3000 ]; do if "$HS_GATE_CLIENT" gate git -- status >/dev/null 2>&1; then ok=$((ok+1)); else no=$((no+1)); fi; i=$((i+1)); done; echo ok=$ok no=$no');
    const seconds = (Date.now() - started) / 1000;
    const grown = frBytes(fx) - before;
    const limitEvents = fx.events("session.limit_exceeded");
    const decisions = fx.events("gate.decision").length - decisionsBefore;
    console.log(`socket flood: ${flood.stdout.trim()} in ${seconds.toFixed(1)} s; FR grew ${(grown / 1024).toFixed(0)} KiB; ${decisions} gate.decision and ${limitEvents.length} session.limit_exceeded event(s)`);
    const ok = Number(/ok=(\d+)/.exec(flood.stdout)?.[1]);
    expect(ok).toBeGreaterThanOrEqual(120);
    expect(ok).toBeLessThan(120 + 2 * seconds + 5);
    expect(limitEvents).toHaveLength(1);
    expect(limitEvents[0]!.payload).toMatchObject({ limit: "socket_requests_per_minute" });
    expect(grown).toBeLessThan(1024 * 1024);
    // The host still answers: the operator's view works at once.
    const list = await hsAsync(["session", "list", "--json"], { cwd: fx.main });
    expect(list.code).toBe(0);
  });
});

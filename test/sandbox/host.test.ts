// The host as a user meets it: exit codes and streams, --detach and its log, the watcher, the socket verbs.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildFixture, runIn, type Fixture } from "./fixture.ts";
import { hostRow, until } from "./procs.ts";
import { isAlive } from "../../src/sandbox/proc.ts";

let fx: Fixture | undefined;
afterEach(() => {
  fx?.hs(["session", "cancel", "s1"]);
  fx?.cleanup();
  fx = undefined;
});

function events(type: string): Array<{ session_id: string; payload: Record<string, unknown> }> {
  return JSON.parse(fx!.hs(["log", "--type", type, "--json"]).stdout);
}

describe("hs session run", () => {
  it("streams stdout and stderr separately and passes the exit code through", async () => {
    fx = buildFixture();
    const result = await runIn(fx, "echo to-out; echo to-err >&2; exit 7");
    expect(result.code).toBe(7);
    expect(result.stdout).toContain("to-out");
    expect(result.stdout).not.toContain("to-err");
    expect(result.stderr).toContain("to-err");
    expect(JSON.parse(fx.hs(["session", "show", "s1", "--json"]).stdout)).toMatchObject({ state: "paused", state_reason: "command exited 7" });
  });

  it("--detach returns at once, keeps a background host and appends output to the session log", async () => {
    fx = buildFixture();
    const started = fx.hs(["session", "run", "s1", "--detach", "--json", "--", "sh", "-c", "echo detached-hello; sleep 1; echo detached-bye"]);
    expect(started.code, started.stderr).toBe(0);
    const info = JSON.parse(started.stdout) as { host_pid: number; log: string };
    expect(info.log).toBe(path.join(fx.main, ".handshake", "sessions", "s1", "session.log"));
    expect(isAlive(info.host_pid)).toBe(true);
    expect(JSON.parse(fx.hs(["session", "show", "s1", "--json"]).stdout).state).toBe("active");
    await until("the background command to finish", () => !isAlive(info.host_pid), 15_000);
    const log = fs.readFileSync(info.log, "utf8");
    expect(log).toContain("detached-hello");
    expect(log).toContain("detached-bye");
    expect(hostRow(fx.main, "s1")?.ended_at).toBeTruthy();
    expect(JSON.parse(fx.hs(["session", "show", "s1", "--json"]).stdout).state).toBe("paused");
  });

  it("refuses a second host on a session that already has a live one", async () => {
    fx = buildFixture();
    expect(fx.hs(["session", "run", "s1", "--detach", "--", "sleep", "30"]).code).toBe(0);
    const second = await runIn(fx, "true");
    expect(second.code).toBe(4);
    expect(second.stderr).toContain("HS-HOST-RUNNING");
  });
});

describe("the watcher", () => {
  it("reports a write outside the scope at once (terminal + scope.violation) and summarises changes into files.changed", async () => {
    fx = buildFixture({ sessions: [{ id: "s1", scope: ["src/**"] }] });
    const result = await runIn(fx, "sleep 1; echo x > outside.md; echo y > src/inside.ts; sleep 3");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/scope violation: add outside\.md \(outside IN_SCOPE_PATHS\)/);
    const violations = events("scope.violation").filter((event) => event.session_id === "s1");
    expect(violations.map((event) => event.payload.path)).toEqual(["outside.md"]);
    const changed = events("files.changed").filter((event) => event.session_id === "s1");
    const paths = changed.flatMap((event) => (event.payload.paths as Array<{ path: string }>).map((entry) => entry.path));
    expect(paths).toEqual(expect.arrayContaining(["outside.md", "src/inside.ts"]));
    expect(changed.length).toBeLessThanOrEqual(3);
  });
  it("flags out-of-scope writes the command makes in its very first milliseconds, in folders not watched yet", async () => {
    fx = buildFixture({ sessions: [{ id: "s1", scope: ["src/**"] }] });
    // Enough folders that the watcher's start-up walk is still under way when the command writes.
    for (let d = 0; d < 2000; d += 1) {
      fs.mkdirSync(path.join(fx.s1, "many", `f${d}`), { recursive: true });
      fs.writeFileSync(path.join(fx.s1, "many", `f${d}`, "old.md"), "o");
    }
    const result = await runIn(fx, "for d in $(seq 0 25 1999); do echo x > many/f$d/outside.md; done; echo y >> many/f7/old.md");
    expect(result.code, result.stderr).toBe(0);
    const flagged = new Set(events("scope.violation").filter((event) => event.session_id === "s1").map((event) => event.payload.path));
    const missed = [...Array(80).keys()].map((k) => `many/f${k * 25}/outside.md`).filter((file) => !flagged.has(file));
    expect(missed).toEqual([]);
    expect(flagged.has("many/f7/old.md")).toBe(true);
    expect(flagged.has("many/f8/old.md")).toBe(false);
  });
});

describe("the host socket from inside", () => {
  it("records hook events for the session, refuses event types a session may not write, and fails closed without a socket", async () => {
    fx = buildFixture();
    const result = await runIn(
      fx,
      `"$HS_GATE_CLIENT" event hook.refused '{"hook":"pre-commit","why":"test"}'; echo "ok=$?"; ` +
        `"$HS_GATE_CLIENT" event approval.decided '{"request_id":"ap-x"}'; echo "forged=$?"; ` +
        `HS_HOST_SOCKET= "$HS_GATE_CLIENT" gate git -- status; echo "nosocket=$?"`,
    );
    expect(result.stdout).toContain("ok=0");
    expect(result.stdout).toContain("forged=77");
    expect(result.stdout).toContain("nosocket=77");
    const refused = events("hook.refused").filter((event) => event.session_id === "s1");
    expect(refused[0]?.payload).toMatchObject({ hook: "pre-commit", why: "test", reported_via: "session-host" });
    expect(events("approval.decided")).toEqual([]);
  });

  it("creates a child session from inside within the spawn limits, always under the asking session", async () => {
    fx = buildFixture();
    const result = await runIn(fx, `hs session create --id kid --scope 'src/lib/**' --json`);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(fx.hs(["session", "show", "kid", "--json"]).stdout)).toMatchObject({ parent: "s1", spawn_depth: 1 });
    fx.hs(["session", "cancel", "kid"]);
  });
});

describe("read-only shared git config inside the sandbox", () => {
  it("push -u and branch -m outside the namespace get a clear refusal, not a half-done git error", async () => {
    fx = buildFixture();
    const result = await runIn(fx, `git push -u origin hs/s1/work; echo "push=$?"; git branch -m elsewhere; echo "branch=$?"; git branch hs/s1/renamed; echo "inside=$?"`);
    expect(result.stdout).toContain("push=77");
    expect(result.stdout).toContain("branch=77");
    expect(result.stderr).toContain("[sandbox.push-set-upstream]");
    expect(result.stderr).toContain("[sandbox.branch-outside-namespace]");
    expect(result.stdout).toContain("inside=0");
    expect(fx.git(["rev-parse", "--verify", "-q", "refs/heads/hs/s1/renamed"]).trim()).toMatch(/^[0-9a-f]{40}$/);
  });

  it("records the command as a terminal_command event with its exit code", async () => {
    fx = buildFixture();
    await runIn(fx, "exit 3");
    const commands = events("terminal_command").filter((event) => event.session_id === "s1");
    expect(commands.at(-1)?.payload).toMatchObject({ command: "sh", args: ["-c", "exit 3"], exit_code: 3 });
  });
});

describe("lock-mode sessions", () => {
  it("share the worktree read-only except the folders their scope starts with", async () => {
    fx = buildFixture({ sessions: [{ id: "s1", scope: ["src/**"], extra: ["--isolation", "lock"] }] });
    const result = await runIn(fx, `echo ok > src/locked-in.ts && echo in=ok; echo x >> README.md; echo "readme=$?"`, { cwd: fx.main });
    expect(result.stdout).toContain("in=ok");
    expect(result.stdout).toContain("readme=2");
    expect(fx.git(["show", "HEAD:README.md"])).toBe(fs.readFileSync(path.join(fx.main, "README.md"), "utf8"));
    expect(fs.readFileSync(path.join(fx.main, "src/locked-in.ts"), "utf8")).toBe("ok\n");
  });
});

describe("nothing outlives the session's command", () => {
  it("a background job (nohup, setsid) started by the command dies with the sandbox when the command exits", async () => {
    fx = buildFixture();
    const result = await runIn(fx, "nohup sleep 317 >/dev/null 2>&1 & setsid sleep 318 >/dev/null 2>&1 & echo started");
    expect(result.stdout).toContain("started");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const survivors = fs
      .readdirSync("/proc")
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          return /^sleep\0(317|318)\0$/.test(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8"));
        } catch {
          return false;
        }
      });
    expect(survivors).toEqual([]);
  });
});

describe("hooks inside the sandbox", () => {
  it("a pre-commit refusal inside the sandbox reaches the Flight Recorder through the host", async () => {
    fx = buildFixture({ sessions: [{ id: "s1", scope: ["src/**"] }] });
    const result = await runIn(fx, `echo x >> package.json && /usr/bin/git add package.json && /usr/bin/git commit -qm out-of-scope; echo "commit=$?"`);
    expect(result.stdout).toContain("commit=1");
    const refused = events("hook.refused").filter((event) => event.session_id === "s1");
    expect(refused.at(-1)?.payload).toMatchObject({ hook: "pre-commit", reported_via: "session-host" });
    expect(fx.git(["log", "-1", "--format=%s", "hs/s1/work"]).trim()).not.toBe("out-of-scope");
  });
});

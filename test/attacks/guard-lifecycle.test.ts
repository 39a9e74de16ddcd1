// Attacks on the one access guard (issue 8, class 10), from inside s1's real sandbox: s1 tries every
// state-changing verb on s2 (running), on a lock-mode session and on the workspace, through the `hs`
// forwarder, through the host socket directly and through the CLI without the host. Each must be refused
// with a stable code, recorded as access.denied, and leave everything outside s1 byte-identical.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixture, type Fixture } from "../sandbox/fixture.ts";
import { hostRow, sleepsOf, states, until } from "../sandbox/procs.ts";
import { HS_BIN, hs } from "../helpers/hs.ts";
import { RAW_SOCKET, attempt, attemptAll, events, expectFsckClean, stateOf } from "./guard-fixture.ts";

let fx: Fixture;
let lockId: string;
let s2Sleeps: number[];

beforeAll(async () => {
  fx = buildFixture();
  const lock = fx.hs(["session", "create", "--id", "l2", "--isolation", "lock", "--scope", "docs/**"]);
  expect(lock.code, lock.stderr).toBe(0);
  lockId = (JSON.parse(fx.hs(["lock", "list", "--json"]).stdout) as Array<{ lock_id: string }>)[0]!.lock_id;
  const s2 = fx.hs(["session", "run", "s2", "--detach", "--", "sh", "-c", "sleep 300"]);
  expect(s2.code, s2.stderr).toBe(0);
  s2Sleeps = await until("s2's sleep", () => {
    const sleeps = sleepsOf(hostRow(fx.main, "s2")!.host_pid);
    return sleeps.length ? sleeps : undefined;
  });
  // Warm-up: the host registers s1's private object store before any baseline is taken.
  const warm = await attempt(fx, "true");
  expect(warm.code, warm.stderr).toBe(0);
}, 60_000);

afterAll(() => {
  fx?.hs(["session", "cancel", "s2"]);
  fx?.cleanup();
});

type Case = [name: string, line: () => string, code: string];

const FORWARDED: Case[] = [
  ["pause s2", () => "hs session pause s2", "HS-ACCESS-DENIED"],
  ["cancel s2", () => "hs session cancel s2 --reason takeover", "HS-ACCESS-DENIED"],
  ["resume s2", () => "hs session resume s2", "HS-ACCESS-DENIED"],
  ["close s2", () => "hs session close s2", "HS-ACCESS-DENIED"],
  ["close s2 --discard", () => "hs session close s2 --discard --reason gone", "HS-OPERATOR-ONLY"],
  ["cancel the lock-mode session l2", () => "hs session cancel l2", "HS-ACCESS-DENIED"],
  ["release another session's lock", () => `hs lock release ${lockId} --reason mine-now`, "HS-OPERATOR-ONLY"],
  ["merge-back s2 --apply", () => "hs merge-back s2 --apply", "HS-OPERATOR-ONLY"],
  ["merge-back of itself --apply", () => "hs merge-back s1 --apply", "HS-OPERATOR-ONLY"],
  ["merge-back dry run of itself", () => "hs merge-back s1", "HS-OPERATOR-ONLY"],
  ["prune --remove", () => "hs prune --remove", "HS-OPERATOR-ONLY"],
  ["rebuild --force", () => "hs rebuild --force", "HS-OPERATOR-ONLY"],
  ["a child of s2", () => "hs session create --parent s2 --scope 'src/**'", "HS-ACCESS-DENIED"],
  ["a child of s2 (--parent=)", () => "hs session create --parent=s2 --scope 'src/**'", "HS-ACCESS-DENIED"],
  ["a child without the sandbox", () => "hs session create --scope 'src/**' --no-sandbox --reason faster", "HS-OPERATOR-ONLY"],
  ["an overlapping lock child", () => "hs session create --isolation lock --scope 'docs/**' --allow-overlap --reason pair", "HS-OPERATOR-ONLY"],
  ["claiming to be s2 in the environment", () => "HS_SESSION_ID=s2 HS_REQUESTED_BY_SESSION=s2 hs session pause s2", "HS-ACCESS-DENIED"],
  ["a command the host does not serve", () => "hs uninstall --purge", "HS-OPERATOR-ONLY"],
];

const RAW: Case[] = [
  ["raw socket: pause s2", () => `${RAW_SOCKET} ${fx.s1} session pause s2`, "HS-ACCESS-DENIED"],
  ["raw socket: cancel s2", () => `${RAW_SOCKET} ${fx.s1} session cancel s2`, "HS-ACCESS-DENIED"],
  ["raw socket: merge-back s1 --apply", () => `${RAW_SOCKET} ${fx.s1} merge-back s1 --apply`, "HS-OPERATOR-ONLY"],
  ["raw socket: lock release", () => `${RAW_SOCKET} ${fx.s1} lock release ${lockId} --reason x`, "HS-OPERATOR-ONLY"],
  ["raw socket: a child of s2", () => `${RAW_SOCKET} ${fx.s1} session create --scope src/x --parent s2`, "HS-ACCESS-DENIED"],
  ["raw socket: init", () => `${RAW_SOCKET} ${fx.s1} init`, "HS-OPERATOR-ONLY"],
];

describe("s1 acting on what is not its own: refused, recorded, nothing outside changes", () => {
  it.each([
    ["through the hs forwarder", FORWARDED],
    ["through the host socket directly", RAW],
  ] as const)("%s", async (_how, cases) => {
    const result = await attemptAll(fx, cases.map(([name, line]) => [name, line()]));
    for (const [index, outcome] of result.cases.entries()) {
      const code = cases[index]![2];
      expect(outcome.exit, `${outcome.name}: ${outcome.stderr}`).toBe(77);
      expect(outcome.stderr, outcome.name).toContain(`[${code}]`);
      expect(outcome.stderr, outcome.name).toMatch(/next: .*hs /);
    }
    expect(result.denials.map((event) => [event.session_id, event.payload.code])).toEqual(cases.map((entry) => ["s1", entry[2]]));
    expect(result.changes).toEqual([]);
    expect(stateOf(fx, "s2").state).toBe("active");
    expect(states(s2Sleeps)).not.toContain("T");
    expect(stateOf(fx, "l2").state).toBe("created");
    expect((JSON.parse(fx.hs(["lock", "list", "--json"]).stdout) as Array<{ lock_id: string }>).map((lock) => lock.lock_id)).toEqual([lockId]);
    expectFsckClean(fx);
  });

  it("the CLI run directly inside the sandbox cannot even open the registry; nothing changes", async () => {
    const result = await attempt(fx, `${process.execPath} ${HS_BIN} session pause s2; echo "exit=$?"; ${process.execPath} ${HS_BIN} session cancel s2`);
    expect(result.stdout).not.toContain("exit=0");
    expect(result.changes).toEqual([]);
    expect(stateOf(fx, "s2").state).toBe("active");
  });

  it("a degraded session (no sandbox) using the CLI on the host is refused by the same guard", () => {
    const seen = events(fx, "access.denied").length;
    for (const argv of [["session", "pause", "s2"], ["session", "cancel", "s2"], ["merge-back", "s2", "--apply"], ["lock", "release", lockId, "--reason", "x"]]) {
      const result = hs(argv, { cwd: fx.s1, env: { HS_SESSION_ID: "s1" } });
      expect(result.code, result.stderr).toBe(77);
    }
    expect(events(fx, "access.denied").length).toBe(seen + 4);
    expect(stateOf(fx, "s2").state).toBe("active");
  });

  it("a session cannot start a host for another session (run, shell, detached run), from the CLI or from its worktree", () => {
    const seen = events(fx, "access.denied").length;
    const asEnv = hs(["session", "run", "c2-none", "--", "true"], { cwd: fx.main, env: { HS_SESSION_ID: "s1" } });
    expect(asEnv.code).toBe(77);
    for (const [args, env] of [
      [["session", "run", "s2", "--", "sh", "-c", "echo pwned > src/pwned.ts"], { HS_SESSION_ID: "s1" }],
      [["session", "run", "s2", "--", "sh", "-c", "echo pwned > src/pwned.ts"], {}], // cwd in s1's worktree: the actor is s1
      [["session", "shell", "s2"], { HS_SESSION_ID: "s1" }],
    ] as const) {
      const result = hs([...args], { cwd: fx.s1, env });
      expect(result.code, result.stderr).toBe(77);
      expect(result.stderr).toContain("[HS-ACCESS-DENIED]");
    }
    const detached = hs(["session", "run", "s2", "--detach", "--", "sh", "-c", "echo pwned > src/pwned.ts"], { cwd: fx.s1, env: { HS_SESSION_ID: "s1" } });
    expect(detached.code).not.toBe(0);
    expect(events(fx, "access.denied").length).toBeGreaterThanOrEqual(seen + 4);
    expect(fs.existsSync(path.join(fx.s2, "src", "pwned.ts"))).toBe(false);
    expect(stateOf(fx, "s2").state).toBe("active");
  });
});

describe("s1 acting on its own descendants: allowed", () => {
  it("creates a child of itself, pauses and cancels it; still cannot touch s2", async () => {
    const result = await attempt(
      fx,
      "hs session create --id c1 --scope 'src/**' >/dev/null && hs session pause c1 && hs session cancel c1 --reason done; echo \"own=$?\"; hs session cancel s2; echo \"other=$?\"",
    );
    expect(result.stdout, result.stderr).toContain("own=0");
    expect(result.stdout).toContain("other=77");
    expect(JSON.parse(fx.hs(["session", "show", "c1", "--json"]).stdout)).toMatchObject({ parent: "s1", state: "cancelled", state_reason: "done" });
    const changes = events(fx, "session.state_change").filter((event) => event.session_id === "c1");
    expect(changes.map((event) => [event.actor, event.payload.to_state])).toEqual([["agent", "paused"], ["agent", "cancelled"]]);
    // the child's worktree and branch are the only new things outside s1
    // the child's worktree, branch and upstream config are the only new things outside s1
    expect(result.changes.every((change) => /wts\/c1|worktrees\/c1|hs\/c1|hs-objects|\.git\/config$/.test(change)), result.changes.join("\n")).toBe(true);
    expect(fx.git(["config", "--get-regexp", "^branch\\."]).split("\n").filter(Boolean).every((line) => /^branch\.(main|hs\/(s1|s2|c1)\/work)\./.test(line))).toBe(true);
    expect(stateOf(fx, "s2").state).toBe("active");
  });
});

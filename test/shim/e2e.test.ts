// End to end through the shim in real shells (`eval "$(hs session env ID)"`): deny, ask + approve/deny/
// end of the wait/Ctrl-C, job and workspace grants, out-of-scope asks, exit codes and stdin passed through.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { hs } from "../helpers/hs.ts";
import { cleanEnv } from "../helpers/repo.ts";
import { HS_CMD, frEvents, gated, gatedAsync, makeGateRepo, pendingRequest, sleep, treeHash, type GateRepo } from "./session-shell.ts";

let g: GateRepo;
let s1: string;
let s2: string;

beforeAll(() => {
  g = makeGateRepo({ s1: ["src/**"], s2: ["src/**"] });
  s1 = g.wt("s1");
  s2 = g.wt("s2");
});
afterAll(() => g?.cleanup());

const commitsWith = (cwd: string, message: string) => g.repo.git(["log", "--all", "--format=%s"], { cwd }).stdout.split("\n").filter((line) => line === message).length;

describe("deny", () => {
  it("leaves the whole repository byte-identical and says why", () => {
    g.repo.write("../wts/s1/src/dirty.ts", "uncommitted\n");
    const before = treeHash(g.repo.dir);
    const result = gated("s1", "rm -rf ../s2; echo rc=$?; git -C ../s2 reset --hard; echo rc=$?; rm -f ../../repo/README.md; echo rc=$?", { cwd: s1 });
    expect(result.stdout).toBe("rc=77\nrc=77\nrc=77\n");
    expect(result.stderr).toMatch(/^hs: deny \[scope\.other-worktree\] .*\n  next: /m);
    expect(treeHash(g.repo.dir)).toBe(before);
    const decisions = frEvents(g.repo.root, "gate.decision").filter((event) => event.payload.decision === "deny");
    expect(decisions.map((event) => event.payload.argv)).toEqual(expect.arrayContaining([["rm", "-rf", "../s2"]]));
  });
});

describe("allow", () => {
  it("runs the real binary with the same argv, stdin, stdout and exit code", () => {
    const hashed = gated("s1", "git hash-object --stdin", { cwd: s1, input: "hello\n" });
    expect(hashed.code).toBe(0);
    expect(hashed.stdout.trim()).toBe(g.repo.git(["hash-object", "--stdin"], { input: "hello\n" }).stdout.trim());
    expect(gated("s1", "git rev-parse --verify --quiet no-such-ref", { cwd: s1 }).code).toBe(1);
    expect(gated("s1", "git commit -q -m nothing-staged", { cwd: s1 }).code).toBe(1);
    const removed = gated("s1", "echo x > src/tmp.ts && rm -f src/tmp.ts && test ! -e src/tmp.ts && echo gone", { cwd: s1 });
    expect(removed.stdout).toBe("gone\n");
  });

  it("counts gated commands against the session's budget", () => {
    const before = hs(["session", "show", "s1", "--json"], { cwd: g.repo.root }).json().commands_used ?? hs(["session", "show", "s1", "--json"], { cwd: g.repo.root }).json().commandsUsed;
    gated("s1", "git add src/app.ts; git status >/dev/null", { cwd: s1 });
    const after = hs(["session", "show", "s1", "--json"], { cwd: g.repo.root }).json();
    expect((after.commands_used ?? after.commandsUsed) - before).toBe(1);
  });
});

describe("ask", () => {
  it("waits with the session blocked; an approval from another process runs the command exactly once", async () => {
    const run = gatedAsync("s1", "git commit -q --no-verify --allow-empty -m approved-once; echo rc=$?", { cwd: s1 });
    const request = await pendingRequest(g.repo.root, "s1", "approved-once");
    expect(request).toMatchObject({ argv: ["git", "commit", "-q", "--no-verify", "--allow-empty", "-m", "approved-once"], cwd: s1, status: "pending" });
    expect(commitsWith(s1, "approved-once")).toBe(0);
    expect(hs(["session", "show", "s1", "--json"], { cwd: g.repo.root }).json().state).toBe("blocked");
    const approved = hs(["approve", request.id], { cwd: g.repo.root });
    expect(approved.code, approved.stderr).toBe(0);
    const result = await run.done;
    expect(result.stdout).toBe("rc=0\n");
    expect(result.stderr).toContain(`hs approve ${request.id}`);
    expect(commitsWith(s1, "approved-once")).toBe(1);
    expect(hs(["session", "show", "s1", "--json"], { cwd: g.repo.root }).json().state).not.toBe("blocked");
    const again = hs(["approve", request.id], { cwd: g.repo.root });
    expect(again.code).toBe(4);
    expect(again.stderr).toContain("HS-APPROVAL-DECIDED");
    const decided = frEvents(g.repo.root, "approval.decided").find((event) => event.payload.request_id === request.id);
    expect(decided.payload).toMatchObject({ decision: "approved", scope: "once" });
    expect(frEvents(g.repo.root, "approval.requested").some((event) => event.payload.request_id === request.id)).toBe(true);
  });

  it("a denial prints the operator's reason, exits 77 and runs nothing", async () => {
    g.repo.write("../wts/s1/src/app.ts", "export const app = 2; // not committed\n");
    const before = treeHash(g.repo.dir);
    const run = gatedAsync("s1", "git reset -q --hard; echo rc=$?", { cwd: s1 });
    const request = await pendingRequest(g.repo.root, "s1", "--hard");
    expect(request.preview[0].title).toMatch(/uncommitted/);
    expect(JSON.stringify(request.preview)).toContain("src/app.ts");
    const denied = hs(["deny", request.id, "--reason", "keep the edits; use git stash push instead"], { cwd: g.repo.root });
    expect(denied.code, denied.stderr).toBe(0);
    const result = await run.done;
    expect(result.stdout).toBe("rc=77\n");
    expect(result.stderr).toContain("keep the edits; use git stash push instead");
    expect(treeHash(g.repo.dir)).toBe(before);
  });

  it("a wait that ends (approvals.wait_seconds) leaves the request pending: exit 77, one line for the agent", async () => {
    const result = gated("s1", "git commit -q --no-verify --allow-empty -m timed-out; echo rc=$?", { cwd: s1, env: { HS_APPROVAL_TIMEOUT_SECONDS: "1" } });
    expect(result.stdout).toBe("rc=77\n");
    expect(result.stderr).toMatch(/the operator has been asked to approve request ap-[0-9a-f]{8} .*run the same command again: it will use it/);
    expect(commitsWith(s1, "timed-out")).toBe(0);
    const pending = (hs(["approvals", "--json"], { cwd: g.repo.root }).json() as any[]).find((request) => request.argv.includes("timed-out"));
    expect(pending).toMatchObject({ status: "pending", waiters: 0 });
    expect(pending.nobody_waiting_since).toEqual(expect.any(String));
    expect(hs(["approvals"], { cwd: g.repo.root }).stdout).toContain("nobody waiting since");
    expect(hs(["session", "show", "s1", "--json"], { cwd: g.repo.root }).json().state).not.toBe("blocked");
    expect(hs(["deny", pending.id, "--reason", "not now"], { cwd: g.repo.root }).code).toBe(0);
  });

  it("Ctrl-C while waiting stops waiting (exit 130); the request stays pending for a retry", async () => {
    const run = gatedAsync("s1", "exec git commit -q --no-verify --allow-empty -m interrupted", { cwd: s1 });
    const request = await pendingRequest(g.repo.root, "s1", "interrupted");
    process.kill(-run.pid, "SIGINT");
    const result = await run.done;
    expect(result.code).toBe(130);
    expect(commitsWith(s1, "interrupted")).toBe(0);
    const all = hs(["approvals", "--all", "--json"], { cwd: g.repo.root }).json() as any[];
    expect(all.find((entry) => entry.id === request.id)).toMatchObject({ status: "pending", waiters: 0 });
    expect(hs(["deny", request.id, "--reason", "test over"], { cwd: g.repo.root }).code).toBe(0);
  });
});

describe("grants", () => {
  it("a job grant covers later asks of the same rule in that session only, until its TTL", async () => {
    const run = gatedAsync("s1", "git commit -q --no-verify --allow-empty -m job-1; echo rc=$?", { cwd: s1 });
    const request = await pendingRequest(g.repo.root, "s1", "job-1");
    // The TTL leaves room for the two gated commands below on a loaded machine; the list below asks --all so
    // that a grant which expired meanwhile still shows its use.
    const approved = hs(["approve", request.id, "--scope", "job", "--ttl", "20s", "--json"], { cwd: g.repo.root });
    expect(approved.code, approved.stderr).toBe(0);
    const expiresAt = Date.parse(approved.json().grant.expires_at);
    expect((await run.done).stdout).toBe("rc=0\n");
    const second = gated("s1", "git commit -q --no-verify --allow-empty -m job-2; echo rc=$?", { cwd: s1, env: { HS_APPROVAL_TIMEOUT_SECONDS: "1" } });
    expect(second.stdout).toBe("rc=0\n");
    expect(commitsWith(s1, "job-2")).toBe(1);
    const other = gated("s2", "git commit -q --no-verify --allow-empty -m job-s2; echo rc=$?", { cwd: s2, env: { HS_APPROVAL_TIMEOUT_SECONDS: "1" } });
    expect(other.stdout).toBe("rc=77\n");
    const grants = hs(["grants", "--all", "--json"], { cwd: g.repo.root }).json() as any[];
    expect(grants.find((grant) => grant.request_id === request.id)).toMatchObject({ scope: "job", session_id: "s1", uses: 1 });
    expect(frEvents(g.repo.root, "grant.used").length).toBeGreaterThanOrEqual(1);
    await sleep(Math.max(0, expiresAt - Date.now()) + 300);
    const expired = gated("s1", "git commit -q --no-verify --allow-empty -m job-3; echo rc=$?", { cwd: s1, env: { HS_APPROVAL_TIMEOUT_SECONDS: "1" } });
    expect(expired.stdout).toBe("rc=77\n");
    expect(commitsWith(s1, "job-3")).toBe(0);
  });

  it("a workspace grant covers every session until revoked", async () => {
    const run = gatedAsync("s1", "git clean -q -f src/; echo rc=$?", { cwd: s1 });
    const request = await pendingRequest(g.repo.root, "s1", "clean");
    const approved = hs(["approve", request.id, "--scope", "workspace", "--json"], { cwd: g.repo.root });
    expect(approved.code, approved.stderr).toBe(0);
    const grantId = approved.json().grant.id;
    expect((await run.done).stdout).toBe("rc=0\n");
    g.repo.write("../wts/s2/src/junk.ts", "junk\n");
    expect(gated("s2", "git clean -q -f src/; echo rc=$?", { cwd: s2, env: { HS_APPROVAL_TIMEOUT_SECONDS: "1" } }).stdout).toBe("rc=0\n");
    expect(() => g.repo.read("../wts/s2/src/junk.ts")).toThrow();
    const revoked = hs(["grants", "revoke", grantId, "--reason", "done cleaning"], { cwd: g.repo.root });
    expect(revoked.code, revoked.stderr).toBe(0);
    g.repo.write("../wts/s2/src/junk.ts", "junk\n");
    expect(gated("s2", "git clean -q -f src/; echo rc=$?", { cwd: s2, env: { HS_APPROVAL_TIMEOUT_SECONDS: "1" } }).stdout).toBe("rc=77\n");
    expect(g.repo.read("../wts/s2/src/junk.ts")).toBe("junk\n");
    expect(frEvents(g.repo.root, "grant.revoked").map((event) => event.payload.grant_id)).toContain(grantId);
  });

  it("a workspace grant with a TTL stops covering when it expires", async () => {
    const run = gatedAsync("s2", "git commit -q --no-verify --allow-empty -m ws-ttl-1; echo rc=$?", { cwd: s2 });
    const request = await pendingRequest(g.repo.root, "s2", "ws-ttl-1");
    const approved = hs(["approve", request.id, "--scope", "workspace", "--ttl", "10s", "--json"], { cwd: g.repo.root });
    expect(approved.code, approved.stderr).toBe(0);
    const expiresAt = Date.parse(approved.json().grant.expires_at);
    expect((await run.done).stdout).toBe("rc=0\n");
    expect(gated("s1", "git commit -q --no-verify --allow-empty -m ws-ttl-2; echo rc=$?", { cwd: s1, env: { HS_APPROVAL_TIMEOUT_SECONDS: "1" } }).stdout).toBe("rc=0\n");
    await sleep(Math.max(0, expiresAt - Date.now()) + 300);
    expect(gated("s1", "git commit -q --no-verify --allow-empty -m ws-ttl-3; echo rc=$?", { cwd: s1, env: { HS_APPROVAL_TIMEOUT_SECONDS: "1" } }).stdout).toBe("rc=77\n");
    expect(commitsWith(s1, "ws-ttl-2")).toBe(1);
    expect(commitsWith(s1, "ws-ttl-3")).toBe(0);
  });

  it("a command outside the session's scope can only be approved once", async () => {
    const run = gatedAsync("s1", "rm -f README.md; echo rc=$?", { cwd: s1 });
    const request = await pendingRequest(g.repo.root, "s1", "README.md");
    expect(request.grantable).toBe(false);
    const refused = hs(["approve", request.id, "--scope", "workspace"], { cwd: g.repo.root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`hs approve ${request.id} --scope once`);
    expect(hs(["approve", request.id], { cwd: g.repo.root }).code).toBe(0);
    expect((await run.done).stdout).toBe("rc=0\n");
  });
});

describe("only the operator decides", () => {
  it("hs approve is refused inside a session: env, worktree cwd, and ancestry after env -u", async () => {
    const run = gatedAsync("s1", "git commit -q --no-verify --allow-empty -m never-self-approved; echo rc=$?", { cwd: s1, env: { HS_APPROVAL_TIMEOUT_SECONDS: "60" } });
    const request = await pendingRequest(g.repo.root, "s1", "never-self-approved");
    const fromShell = gated("s1", `${HS_CMD} approve ${request.id}`, { cwd: g.repo.root });
    expect(fromShell.code).toBe(77);
    expect(fromShell.stderr).toMatch(/HS-OPERATOR-ONLY.*session:s1 may not/);
    expect(gated("s1", `${HS_CMD} deny ${request.id} --reason mine`, { cwd: g.repo.root }).code).toBe(77);
    expect(gated("s1", `${HS_CMD} grants revoke gr-00000000`, { cwd: g.repo.root }).stderr).toContain("HS-OPERATOR-ONLY");
    const fromWorktree = hs(["approve", request.id], { cwd: s1 });
    expect(fromWorktree.code).toBe(77);
    expect(fromWorktree.stderr).toMatch(/HS-OPERATOR-ONLY/);
    // A shell started with the session environment (as the session host starts it) hides it from its child.
    const sneaky = spawnSync("/bin/sh", ["-c", `env -u HS_SESSION_ID -u HS_SHIM ${HS_CMD} approve ${request.id}; echo rc=$?`], {
      cwd: g.repo.root,
      env: cleanEnv({ HS_SESSION_ID: "s1", HS_SHIM: "1" }),
      encoding: "utf8",
    });
    expect(sneaky.stdout).toBe("rc=77\n");
    expect(sneaky.stderr).toMatch(/HS-OPERATOR-ONLY/);
    expect(hs(["deny", request.id, "--reason", "test over"], { cwd: g.repo.root }).code).toBe(0);
    expect((await run.done).stdout).toBe("rc=77\n");
    expect(commitsWith(s1, "never-self-approved")).toBe(0);
  });
});

// After a realistic history (sessions in every lifecycle stage, a lock session, an approval with a job grant, a
// pending request, a merge-back artifact), each state file is deleted in turn; the printed next: line restores it
// and the --json listings come back the same, with the same workspace id.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hs } from "../helpers/hs.ts";
import { runNext } from "../helpers/next.ts";
import { gated, gatedAsync, makeGateRepo, pendingRequest, type GateRepo } from "../shim/session-shell.ts";

let g: GateRepo;
let root: string;
const run = (args: string[]) => hs(args, { cwd: root });

function listings() {
  const sessions = run(["session", "list", "--all", "--json"]).json() as any[];
  const approvals = run(["approvals", "--all", "--json"]).json() as any[];
  const grants = run(["grants", "--all", "--json"]).json() as any[];
  const locks = run(["lock", "list", "--json"]).json() as any[];
  return {
    sessions: sessions.map(({ id, state, isolation, worktree, branch, scope, closed_at, parent }) => ({ id, state, isolation, worktree, branch, scope, closed_at, parent })),
    approvals: approvals.map(({ id, status, session_id, argv, cwd, rule, scope, decided_by, grant_id }) => ({ id, status, session_id, argv, cwd, rule, scope, decided_by, grant_id })),
    grants: grants.map(({ id, scope, rule, session_id, uses, request_id }) => ({ id, scope, rule, session_id, uses, request_id })),
    locks: locks.map(({ lock_id, session_id, glob }) => ({ lock_id, session_id, glob })),
    artifacts: fs.readdirSync(path.join(root, ".handshake", "artifacts")).sort(),
  };
}

beforeAll(async () => {
  g = makeGateRepo({ s1: ["src/**"], s2: ["src/**"], gone: ["docs/**"] });
  root = g.repo.root;
  // s1: an approval for the job (a grant), then the grant used once; and a request still pending (it outlives its waiter)
  const waiting = gatedAsync("s1", "git commit -q --no-verify --allow-empty -m granted; echo rc=$?", { cwd: g.wt("s1") });
  const request = await pendingRequest(root, "s1", "granted");
  expect(run(["approve", request.id, "--scope", "job"]).code).toBe(0);
  expect((await waiting.done).stdout).toBe("rc=0\n");
  expect(gated("s1", "git commit -q --no-verify --allow-empty -m again", { cwd: g.wt("s1") }).code).toBe(0);
  gated("s1", "git reset -q --hard HEAD~1", { cwd: g.wt("s1"), env: { HS_APPROVAL_TIMEOUT_SECONDS: "1" } });
  // s2: work merged back and closed; gone: cancelled and closed; l1: a lock session holding its locks
  g.repo.write("../wts/s2/src/feature.ts", "feature\n");
  g.repo.git(["add", "-A"], { cwd: g.wt("s2") });
  g.repo.git(["commit", "-q", "-m", "feature"], { cwd: g.wt("s2") });
  expect(run(["merge-back", "s2", "--apply"]).code).toBe(0);
  expect(run(["session", "close", "s2"]).code).toBe(0);
  run(["session", "cancel", "gone"]);
  expect(run(["session", "close", "gone"]).code).toBe(0);
  const lock = run(["session", "create", "--id", "l1", "--isolation", "lock", "--scope", "docs/**"]);
  expect(lock.code, lock.stderr).toBe(0);
}, 120_000);
afterAll(() => g?.cleanup());

describe("recovery of deleted state files", () => {
  it("the history is what the test means it to be", () => {
    const before = listings();
    expect(before.sessions.map((s) => [s.id, Boolean(s.closed_at)])).toEqual([["s1", false], ["s2", true], ["gone", true], ["l1", false]]);
    expect(before.sessions.filter((s) => s.closed_at).map((s) => s.state)).toEqual(["completed", "cancelled"]);
    expect(before.approvals.map((a) => a.status).sort()).toEqual(["approved", "pending"]);
    expect(before.grants).toHaveLength(1);
    expect(before.grants[0]!.uses).toBeGreaterThan(0);
    expect(before.locks.length).toBeGreaterThan(0);
    expect(before.artifacts.length).toBeGreaterThan(0);
  });

  it("devcc.db deleted: reads fail with HS-INDEX-MISSING (never an empty index); the printed hs rebuild restores everything", () => {
    const before = listings();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(path.join(root, ".handshake", `devcc.db${suffix}`), { force: true });
    const list = run(["session", "list"]);
    expect(list.code).toBe(1);
    expect(list.stderr).toContain("HS-INDEX-MISSING");
    expect(fs.existsSync(path.join(root, ".handshake", "devcc.db"))).toBe(false);
    const rebuilt = runNext(list.stderr, root);
    expect(rebuilt.command).toBe("hs rebuild");
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stderr).not.toContain("belongs to workspace");
    expect(listings()).toEqual(before);
  });

  it("workspace.json deleted: the printed hs init restores it with the same workspace id, and rebuild --force keeps every session", () => {
    const before = listings();
    const id = JSON.parse(fs.readFileSync(path.join(root, ".handshake", "workspace.json"), "utf8")).workspace_id;
    fs.rmSync(path.join(root, ".handshake", "workspace.json"));
    const list = run(["session", "list"]);
    expect(list.stderr).toContain("HS-NOT-INITIALISED");
    const init = runNext(list.stderr, root);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain(`workspace id ${id}`);
    expect(JSON.parse(fs.readFileSync(path.join(root, ".handshake", "workspace.json"), "utf8")).workspace_id).toBe(id);
    expect(listings()).toEqual(before);
    const forced = run(["rebuild", "--force", "--json"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.json().warnings).toEqual([]);
    expect(listings()).toEqual(before);
  });

  it("both deleted: init restores the id from the Flight Recorder and names hs rebuild, which restores the rest", () => {
    const before = listings();
    const id = JSON.parse(fs.readFileSync(path.join(root, ".handshake", "workspace.json"), "utf8")).workspace_id;
    for (const file of ["workspace.json", "devcc.db", "devcc.db-wal", "devcc.db-shm"]) fs.rmSync(path.join(root, ".handshake", file), { force: true });
    const init = run(["init"]);
    expect(init.stderr).toContain("HS-INDEX-MISSING");
    expect(JSON.parse(fs.readFileSync(path.join(root, ".handshake", "workspace.json"), "utf8")).workspace_id).toBe(id);
    expect(runNext(init.stderr, root).code).toBe(0);
    expect(listings()).toEqual(before);
    expect(run(["log", "verify"]).code).toBe(0);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { hs, hsAsync } from "../helpers/hs.ts";
import type { TempRepo } from "../helpers/repo.ts";
import { initRepo } from "./helpers.ts";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const lock = (id: string, ...scope: string[]) => ["session", "create", "--isolation", "lock", "--id", id, ...scope.flatMap((s) => ["--scope", s])];

describe("lock mode", () => {
  it("takes locks on the scope globs in the current worktree", () => {
    repo = initRepo();
    const created = hs([...lock("l1", "src/**"), "--json"], { cwd: repo.root });
    expect(created.code, created.stderr).toBe(0);
    expect(created.json()).toMatchObject({ isolation: "lock", worktree: repo.root, branch: "hs/l1/work", target: "main" });
    const locks = hs(["lock", "list", "--json"], { cwd: repo.root }).json();
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ session_id: "l1", glob: "src/**", worktree_path: repo.root });
  });

  it("refuses an overlapping scope deterministically with CX-MM-002, naming an example path and the holder", () => {
    repo = initRepo();
    expect(hs(lock("l1", "src/**"), { cwd: repo.root }).code).toBe(0);
    const refused = hs(lock("l2", "src/app.ts", "docs/**"), { cwd: repo.root });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("CX-MM-002");
    expect(refused.stderr).toContain("'l1'");
    expect(refused.stderr).toContain("src/app.ts");
    expect(refused.stderr).toContain("next:");
    expect(hs(["session", "list", "--json"], { cwd: repo.root }).json().map((s: { id: string }) => s.id)).toEqual(["l1"]);
    expect(hs(["log", "--type", "lock.conflict", "--json"], { cwd: repo.root }).stdout).toContain("CX-MM-002");
  });

  it("allows disjoint scopes", () => {
    repo = initRepo();
    expect(hs(lock("l1", "src/**"), { cwd: repo.root }).code).toBe(0);
    expect(hs(lock("l2", "docs/**"), { cwd: repo.root }).code).toBe(0);
  });

  it("treats scopes it cannot prove disjoint as overlapping", () => {
    repo = initRepo();
    // `**/*.ts` cannot be confined by the sandbox (HS-LOCK-SCOPE-UNENFORCEABLE); without one it still takes locks.
    expect(hs([...lock("l1", "**/*.ts"), "--no-sandbox", "--reason", "overlap test"], { cwd: repo.root }).code).toBe(0);
    expect(hs(lock("l2", "docs/**"), { cwd: repo.root }).stderr).toContain("CX-MM-002");
  });

  it("operator override needs --reason, is refused inside a session, and is recorded", () => {
    repo = initRepo();
    expect(hs(lock("l1", "src/**"), { cwd: repo.root }).code).toBe(0);
    expect(hs([...lock("l2", "src/**"), "--allow-overlap"], { cwd: repo.root }).stderr).toContain("needs --reason");
    const inside = hs([...lock("l2", "src/**"), "--allow-overlap", "--reason", "pairing"], { cwd: repo.root, env: { HS_SESSION_ID: "l1" } });
    expect(inside.code).toBe(77);
    const ok = hs([...lock("l2", "src/**"), "--allow-overlap", "--reason", "pairing"], { cwd: repo.root });
    expect(ok.code, ok.stderr).toBe(0);
    expect(hs(["log", "--type", "lock.overlap_approved", "--json"], { cwd: repo.root }).stdout).toContain("pairing");
  });

  it("concurrent creators with overlapping scopes: exactly one wins", async () => {
    repo = initRepo();
    const results = await Promise.all(["r1", "r2", "r3", "r4"].map((id) => hsAsync(lock(id, "src/**"), { cwd: repo.root })));
    expect(results.filter((r) => r.code === 0)).toHaveLength(1);
    expect(results.filter((r) => r.stderr.includes("CX-MM-002"))).toHaveLength(3);
    expect(hs(["lock", "list", "--json"], { cwd: repo.root }).json()).toHaveLength(1);
  });

  it("cancel releases the locks so the scope can be taken again; operator release works too", () => {
    repo = initRepo();
    expect(hs(lock("l1", "src/**"), { cwd: repo.root }).code).toBe(0);
    expect(hs(["session", "cancel", "l1", "--reason", "done"], { cwd: repo.root }).code).toBe(0);
    expect(hs(["lock", "list", "--json"], { cwd: repo.root }).json()).toEqual([]);
    expect(hs(lock("l2", "src/**"), { cwd: repo.root }).code).toBe(0);
    const [held] = hs(["lock", "list", "--json"], { cwd: repo.root }).json();
    expect(hs(["lock", "release", held.lock_id], { cwd: repo.root }).code).toBe(2);
    expect(hs(["lock", "release", held.lock_id, "--reason", "stuck agent"], { cwd: repo.root }).code).toBe(0);
    expect(hs(["lock", "list", "--json"], { cwd: repo.root }).json()).toEqual([]);
    expect(hs(["lock", "release", held.lock_id, "--reason", "again"], { cwd: repo.root }).code).toBe(5);
  });
});

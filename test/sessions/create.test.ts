import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hs, hsAsync } from "../helpers/hs.ts";
import type { TempRepo } from "../helpers/repo.ts";
import { initRepo } from "./helpers.ts";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

describe("hs session create (worktree mode)", () => {
  it("creates the worktree on hs/<id>/work from the main branch, registers it and writes linkage and marker", () => {
    repo = initRepo();
    for (const args of [["wp", "create", "--id", "WP-1", "--title", "t"], ["mt", "add", "WP-1", "--id", "MT-001", "--name", "n", "--files-modify", "src/**"], ["wp", "ready", "WP-1"]]) {
      expect(hs(args, { cwd: repo.root }).code).toBe(0);
    }
    const result = hs(["session", "create", "--id", "s1", "--wp", "WP-1", "--mt", "MT-001", "--json"], { cwd: repo.root });
    expect(result.code, result.stderr).toBe(0);
    const session = result.json();
    expect(session).toMatchObject({ id: "s1", state: "created", isolation: "worktree", branch: "hs/s1/work", scope: ["src/**"], wp: "WP-1", mt: "MT-001", parent: null });
    expect(session.worktree).toBe(path.join(repo.dir, "repo.hs", "s1"));
    expect(repo.git(["rev-parse", "hs/s1/work"]).stdout).toBe(repo.git(["rev-parse", "main"]).stdout);
    const marker = JSON.parse(fs.readFileSync(path.join(repo.root, ".git", "worktrees", "s1", "hs-session.json"), "utf8"));
    expect(marker).toMatchObject({ session_id: "s1", ref_namespace: "refs/heads/hs/s1/", scope: ["src/**"] });
    const linkage = JSON.parse(fs.readFileSync(path.join(session.worktree, ".handshake", "session.json"), "utf8"));
    expect(linkage).toMatchObject({ schema: "hs.session-link@1", session_id: "s1", worktree: "../repo.hs/s1" });
    // the linkage file is ignored by git in the session worktree
    expect(repo.git(["status", "--porcelain"], { cwd: session.worktree }).stdout).toBe("");
    const listed = hs(["session", "list", "--json"], { cwd: repo.root }).json();
    expect(listed.map((s: { id: string }) => s.id)).toEqual(["s1"]);
    const log = hs(["log", "--json", "--session", "s1"], { cwd: repo.root });
    expect(log.stdout).toContain("session.created");
  });

  it.each([
    ["../outside/**", "HS-SCOPE-INVALID"],
    ["/etc/**", "HS-SCOPE-INVALID"],
    ["src/../../x", "HS-SCOPE-INVALID"],
  ])("rejects scope %s with %s and creates nothing", (scope, code) => {
    repo = initRepo();
    const result = hs(["session", "create", "--id", "bad", "--scope", scope], { cwd: repo.root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(code);
    expect(repo.git(["branch", "--list", "hs/*"]).stdout).toBe("");
    expect(fs.existsSync(path.join(repo.dir, "repo.hs", "bad"))).toBe(false);
  });

  it("fails closed when the worktree cannot be created: nothing registered, no lock fallback", () => {
    repo = initRepo();
    fs.mkdirSync(path.join(repo.dir, "repo.hs", "s1"), { recursive: true });
    fs.writeFileSync(path.join(repo.dir, "repo.hs", "s1", "occupied"), "x");
    const result = hs(["session", "create", "--id", "s1", "--scope", "src/**"], { cwd: repo.root });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/HS-WORKTREE-FAILED|HS-SESSION-EXISTS/);
    expect(result.stderr).toContain("nothing was registered");
    expect(hs(["session", "list", "--json"], { cwd: repo.root }).json()).toEqual([]);
    expect(hs(["lock", "list", "--json"], { cwd: repo.root }).json()).toEqual([]);
  });

  it("two creators racing for the same id: exactly one wins", async () => {
    repo = initRepo();
    const results = await Promise.all([0, 1, 2].map(() => hsAsync(["session", "create", "--id", "race", "--scope", "src/**"], { cwd: repo.root })));
    expect(results.filter((r) => r.code === 0)).toHaveLength(1);
    expect(hs(["session", "list", "--json"], { cwd: repo.root }).json()).toHaveLength(1);
  });

  it("refuses a repository with no commits with a clear next step", () => {
    repo = initRepo();
    const empty = path.join(repo.dir, "empty");
    fs.mkdirSync(empty);
    repo.git(["init", "-q", "-b", "main"], { cwd: empty });
    expect(hs(["init"], { cwd: empty }).code).toBe(0);
    const result = hs(["session", "create", "--id", "s1", "--scope", "**"], { cwd: empty });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no commit");
    expect(result.stderr).toContain("next:");
  });

  it("sets up upstream tracking to the session's own branch name when the repository has a remote", () => {
    repo = initRepo();
    repo.git(["init", "-q", "--bare", path.join(repo.dir, "remote.git")]);
    repo.git(["remote", "add", "origin", path.join(repo.dir, "remote.git")]);
    expect(hs(["session", "create", "--id", "up", "--scope", "src/**"], { cwd: repo.root }).code).toBe(0);
    expect(repo.git(["config", "branch.hs/up/work.remote"]).stdout.trim()).toBe("origin");
    expect(repo.git(["config", "branch.hs/up/work.merge"]).stdout.trim()).toBe("refs/heads/hs/up/work");
    const worktree = path.join(repo.dir, "repo.hs", "up");
    expect(repo.git(["push", "-q"], { cwd: worktree }).code).toBe(0);
    expect(repo.git(["rev-parse", "hs/up/work"], { cwd: path.join(repo.dir, "remote.git") }).stdout).toBe(repo.git(["rev-parse", "hs/up/work"]).stdout);
  });

  it("refuses a detached HEAD in the main worktree unless --target names a branch", () => {
    repo = initRepo();
    repo.git(["checkout", "-q", "--detach"]);
    const refused = hs(["session", "create", "--id", "s1", "--scope", "src/**"], { cwd: repo.root });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("detached HEAD");
    expect(refused.stderr).toContain("next: hs session create --target main");
    const created = hs(["session", "create", "--id", "s1", "--scope", "src/**", "--target", "main", "--json"], { cwd: repo.root });
    expect(created.code, created.stderr).toBe(0);
    expect(created.json().target).toBe("main");
  });

  it("warns (and records) when worktree scopes overlap, but allows it", () => {
    repo = initRepo();
    expect(hs(["session", "create", "--id", "a", "--scope", "src/**"], { cwd: repo.root }).code).toBe(0);
    const second = hs(["session", "create", "--id", "b", "--scope", "src/app.ts"], { cwd: repo.root });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("overlaps session 'a'");
    expect(hs(["log", "--type", "session.scope_overlap", "--json"], { cwd: repo.root }).stdout).toContain("src/app.ts");
  });
});

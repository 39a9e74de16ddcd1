import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hs } from "../helpers/hs.ts";
import type { TempRepo } from "../helpers/repo.ts";
import { initRepo } from "./helpers.ts";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

describe("hs rebuild", () => {
  it("recreates the index after devcc.db is deleted, leaving the Flight Recorder untouched", () => {
    repo = initRepo();
    hs(["wp", "create", "--id", "WP-7", "--title", "rebuild"], { cwd: repo.root });
    hs(["wp", "ready", "WP-7"], { cwd: repo.root });
    hs(["session", "create", "--id", "w1", "--scope", "src/**", "--wp", "WP-7"], { cwd: repo.root });
    hs(["session", "create", "--id", "w2", "--scope", "docs/**", "--parent", "w1"], { cwd: repo.root }); // wider: refused
    hs(["session", "create", "--id", "w3", "--scope", "docs/**"], { cwd: repo.root });
    hs(["session", "cancel", "w3"], { cwd: repo.root });
    const w1 = path.join(repo.dir, "repo.hs", "w1");
    fs.writeFileSync(path.join(w1, "src", "app.ts"), "export const app = 2;\n");
    repo.git(["commit", "-q", "-am", "w1 work"], { cwd: w1 });
    expect(hs(["merge-back", "w1"], { cwd: repo.root }).code).toBe(0);
    hs(["session", "create", "--id", "l1", "--scope", "src/**", "--isolation", "lock"], { cwd: repo.root });
    const before = hs(["session", "list", "--json"], { cwd: repo.root }).json();
    const locksBefore = hs(["lock", "list", "--json"], { cwd: repo.root }).json();
    const frBefore = hs(["log", "export"], { cwd: repo.root }).stdout;
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(path.join(repo.root, ".handshake", `devcc.db${suffix}`), { force: true });

    const rebuilt = hs(["rebuild", "--json"], { cwd: repo.root });
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.json()).toMatchObject({ locks: 1, artifacts: 1 });
    expect(rebuilt.json().sessions.sort()).toEqual(["l1", "w1", "w3"]);
    const after = hs(["session", "list", "--json"], { cwd: repo.root }).json();
    const pick = (list: any[]) => list.map((s) => ({ id: s.id, state: s.state, scope: s.scope, wp: s.wp, isolation: s.isolation, worktree: s.worktree, branch: s.branch }));
    expect(pick(after)).toEqual(pick(before));
    expect(hs(["lock", "list", "--json"], { cwd: repo.root }).json().map((l: any) => [l.lock_id, l.glob])).toEqual(locksBefore.map((l: any) => [l.lock_id, l.glob]));
    expect(hs(["log", "verify"], { cwd: repo.root }).code).toBe(0);
    // history was only appended to
    const frAfter = hs(["log", "export"], { cwd: repo.root }).stdout;
    expect(frAfter.startsWith(frBefore)).toBe(true);
    expect(frAfter.length).toBeGreaterThan(frBefore.length);
  });

  it("refuses to replace an existing index without --force", () => {
    repo = initRepo();
    const result = hs(["rebuild"], { cwd: repo.root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("hs rebuild --force");
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { hs } from "../helpers/hs.ts";
import type { TempRepo } from "../helpers/repo.ts";
import { initRepo } from "./helpers.ts";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const create = (id: string, scope: string, parent?: string) => ["session", "create", "--id", id, "--scope", scope, ...(parent ? ["--parent", parent] : []), "--json"];

describe("spawned sessions", () => {
  it("enforces depth <= 3 before anything is created", () => {
    repo = initRepo();
    expect(hs(create("d0", "src/**"), { cwd: repo.root }).code).toBe(0);
    expect(hs(create("d1", "src/**", "d0"), { cwd: repo.root }).json().spawn_depth).toBe(1);
    expect(hs(create("d2", "src/**", "d1"), { cwd: repo.root }).code).toBe(0);
    expect(hs(create("d3", "src/**", "d2"), { cwd: repo.root }).code).toBe(0);
    const refused = hs(create("d4", "src/**", "d3"), { cwd: repo.root });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("depth_limit_exceeded");
    expect(repo.git(["branch", "--list", "hs/d4/*"]).stdout).toBe("");
    expect(hs(["log", "--type", "session.spawn_rejected", "--json"], { cwd: repo.root }).stdout).toContain("depth_limit_exceeded");
  });

  it("caps active children at 4, counting only live ones", () => {
    repo = initRepo();
    expect(hs(create("p", "src/**"), { cwd: repo.root }).code).toBe(0);
    for (const id of ["c1", "c2", "c3", "c4"]) expect(hs(create(id, "src/**", "p"), { cwd: repo.root }).code).toBe(0);
    const refused = hs(create("c5", "src/**", "p"), { cwd: repo.root });
    expect(refused.stderr).toContain("children_cap_reached");
    expect(hs(["session", "cancel", "c1"], { cwd: repo.root }).code).toBe(0);
    expect(hs(create("c5", "src/**", "p"), { cwd: repo.root }).code).toBe(0);
  });

  it("refuses a child scope wider than the parent's", () => {
    repo = initRepo();
    expect(hs(create("p", "src/**"), { cwd: repo.root }).code).toBe(0);
    const refused = hs(create("c", "**", "p"), { cwd: repo.root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("scope_wider_than_parent");
    expect(hs(create("c", "src/lib/**", "p"), { cwd: repo.root }).code).toBe(0);
  });

  it("cancel cascades to grandchildren and is sticky", () => {
    repo = initRepo();
    hs(create("g0", "src/**"), { cwd: repo.root });
    hs(create("g1", "src/**", "g0"), { cwd: repo.root });
    hs(create("g2", "src/**", "g1"), { cwd: repo.root });
    const result = hs(["session", "cancel", "g0", "--reason", "wrong plan", "--json"], { cwd: repo.root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.json().cancelled.sort()).toEqual(["g0", "g1", "g2"]);
    const states = hs(["session", "list", "--json"], { cwd: repo.root }).json().map((s: { state: string }) => s.state);
    expect(states).toEqual(["cancelled", "cancelled", "cancelled"]);
    const again = hs(["session", "cancel", "g0"], { cwd: repo.root });
    expect(again.code).toBe(4);
    expect(again.stderr).toContain("HS-SESSION-TERMINAL");
    expect(hs(["log", "--type", "session.cascade_cancel", "--json"], { cwd: repo.root }).stdout).toContain("g2");
    // worktrees and branches are kept
    expect(repo.git(["branch", "--list", "hs/*"]).stdout).toContain("hs/g2/work");
  });
});

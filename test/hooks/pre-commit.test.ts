import { afterEach, describe, expect, it } from "vitest";
import { events, sessionRepo, type SessionRepo } from "./fixture.ts";

let s: SessionRepo;
afterEach(() => s?.repo.cleanup());

describe("pre-commit in a session worktree", () => {
  it("lists every out-of-scope and governance path with code, reason and next command, and records the refusal", () => {
    s = sessionRepo();
    s.write("src/app.ts", "in scope\n");
    s.write("docs/guide.md", "out of scope\n");
    s.write(".GOV/charter.md", "governance\n");
    s.git(["add", "-A"]);
    const result = s.git(["commit", "-m", "mixed"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("hs: pre-commit refused 2 change(s) for session s1");
    expect(result.stderr).toContain("[HS-SCOPE-OUT] docs/guide.md: outside session s1's IN_SCOPE_PATHS (src/**)");
    expect(result.stderr).toContain("next: git restore --staged -- docs/guide.md");
    expect(result.stderr).toContain("[HS-GOVERNANCE-PATH] .GOV/charter.md");
    expect(result.stderr).not.toContain("src/app.ts");
    const refused = events(s.repo, "hook.refused");
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ session_id: "s1", payload: { hook: "pre-commit", count: 2 } });
    expect(refused[0].payload.rules.sort()).toEqual(["HS-GOVERNANCE-PATH", "HS-SCOPE-OUT"]);
    expect(refused[0].payload.paths.map((p: { path: string }) => p.path).sort()).toEqual([".GOV/charter.md", "docs/guide.md"]);
  });

  it("allows an in-scope commit, an amend and commit -a", () => {
    s = sessionRepo();
    s.write("src/app.ts", "one\n");
    s.git(["add", "src/app.ts"]);
    expect(s.git(["commit", "-q", "-m", "one"]).code).toBe(0);
    s.write("src/app.ts", "two\n");
    expect(s.git(["commit", "-q", "-a", "-m", "two"]).code).toBe(0);
    s.write("src/new.ts", "new\n");
    s.git(["add", "src/new.ts"]);
    const amend = s.git(["commit", "-q", "--amend", "-m", "two, amended"]);
    expect(amend.code, amend.stderr).toBe(0);
    expect(s.git(["log", "--format=%s", "-1"]).stdout.trim()).toBe("two, amended");
  });

  it("commit -a uses git's temporary index and is still checked", () => {
    s = sessionRepo();
    s.write("docs/guide.md", "changed outside scope\n");
    const result = s.git(["commit", "-a", "-m", "sneaky"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("[HS-SCOPE-OUT] docs/guide.md");
    expect(s.git(["log", "--format=%s", "-1"]).stdout.trim()).toBe("initial");
  });

  it("commit <path> (partial commit, temporary index) is checked", () => {
    s = sessionRepo();
    s.write("docs/guide.md", "changed\n");
    const result = s.git(["commit", "-m", "partial", "--", "docs/guide.md"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("[HS-SCOPE-OUT] docs/guide.md");
  });

  it("refuses both sides of a rename: moving a file out of scope and into scope", () => {
    s = sessionRepo();
    s.git(["mv", "src/app.ts", "docs/app.ts"]);
    const out = s.git(["commit", "-m", "move out"]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("[HS-SCOPE-OUT] docs/app.ts");
    expect(out.stderr).toContain("rename src/app.ts -> docs/app.ts");
    expect(out.stderr).toContain("next: git restore --staged -- src/app.ts docs/app.ts");
    s.git(["mv", "docs/app.ts", "src/app.ts"]);
    s.git(["mv", "docs/guide.md", "src/guide.md"]);
    const into = s.git(["commit", "-m", "move in"]);
    expect(into.code).toBe(1);
    expect(into.stderr).toContain("[HS-SCOPE-OUT] docs/guide.md");
    expect(into.stderr).toContain("rename docs/guide.md -> src/guide.md");
  });

  it("refuses deleting an out-of-scope file", () => {
    s = sessionRepo();
    s.git(["rm", "-q", "README.md"]);
    const result = s.git(["commit", "-m", "delete"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("[HS-SCOPE-OUT] README.md");
  });
});

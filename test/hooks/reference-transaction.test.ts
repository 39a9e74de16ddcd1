import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { events, sessionRepo, type SessionRepo } from "./fixture.ts";

let s: SessionRepo;
afterEach(() => s?.repo.cleanup());

const head = (s: SessionRepo, rev = "HEAD") => s.git(["rev-parse", rev]).stdout.trim();

describe("reference-transaction: what --no-verify and plumbing cannot skip", () => {
  it.each([["--no-verify"], ["-n"]])("commit %s with an out-of-scope path exits 1 and the branch does not move", (flag) => {
    s = sessionRepo();
    const before = head(s);
    s.write("docs/guide.md", "bypass attempt\n");
    s.git(["add", "docs/guide.md"]);
    const result = s.git(["commit", flag, "-m", "bypass"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("hs: reference-transaction refused");
    expect(result.stderr).toMatch(/\[HS-SCOPE-OUT\] docs\/guide\.md \(commit [0-9a-f]{12}\)/);
    expect(head(s)).toBe(before);
    expect(events(s.repo, "hook.refused").map((e) => e.payload.hook)).toEqual(["reference-transaction"]);
  });

  it("plumbing: commit-tree + update-ref of the session branch with an out-of-scope tree is refused", () => {
    s = sessionRepo();
    const before = head(s);
    s.write("docs/guide.md", "plumbing\n");
    s.git(["add", "docs/guide.md"]);
    const tree = s.git(["write-tree"]).stdout.trim();
    const commit = s.git(["commit-tree", tree, "-p", "HEAD", "-m", "plumbing"]).stdout.trim();
    const result = s.git(["update-ref", "refs/heads/hs/s1/work", commit]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("[HS-SCOPE-OUT] docs/guide.md");
    expect(head(s, "refs/heads/hs/s1/work")).toBe(before);
  });

  it("update-ref of refs/heads/main, a tag and a branch outside the namespace are refused; the namespace is open", () => {
    s = sessionRepo();
    const main = head(s, "main");
    s.write("src/app.ts", "work\n");
    s.git(["commit", "-q", "-a", "-m", "work"]);
    const moved = s.git(["update-ref", "refs/heads/main", "HEAD"]);
    expect(moved.code).not.toBe(0);
    expect(moved.stderr).toContain("[HS-REF-NAMESPACE] refs/heads/main: session s1 may only update refs under refs/heads/hs/s1/");
    expect(head(s, "main")).toBe(main);
    expect(s.git(["tag", "v1"]).stderr).toContain("[HS-REF-NAMESPACE] refs/tags/v1");
    expect(s.git(["branch", "feature"]).stderr).toContain("[HS-REF-NAMESPACE] refs/heads/feature");
    expect(s.git(["branch", "hs/s2/steal"]).code).not.toBe(0);
    expect(s.git(["branch", "hs/s1/extra"]).code).toBe(0);
    expect(s.git(["switch", "-q", "hs/s1/extra"]).code).toBe(0);
  });

  it("merge of the target into the session branch is allowed even though the target changed out-of-scope paths", () => {
    s = sessionRepo();
    s.write("src/app.ts", "session work\n");
    s.git(["commit", "-q", "-a", "-m", "session work"]);
    s.repo.write("docs/guide.md", "operator's change on main\n");
    s.repo.git(["commit", "-q", "-a", "-m", "main moves"]);
    const merge = s.git(["merge", "--no-edit", "main"]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(s.git(["log", "-1", "--format=%P"]).stdout.trim().split(" ")).toHaveLength(2);
  });

  it("a merge that changes an out-of-scope path beyond both parents (evil merge) is refused", () => {
    s = sessionRepo();
    s.repo.write("docs/guide.md", "main\n");
    s.repo.git(["commit", "-q", "-a", "-m", "main moves"]);
    s.git(["merge", "--no-commit", "--no-ff", "main"]);
    s.write("docs/guide.md", "neither side\n");
    s.git(["add", "docs/guide.md"]);
    const result = s.git(["commit", "--no-verify", "-m", "evil merge"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("[HS-SCOPE-OUT] docs/guide.md");
  });

  it("a conflicted merge of the target, resolved and concluded with plain git commit, passes pre-commit; an extra out-of-scope edit does not", () => {
    s = sessionRepo();
    s.write("src/app.ts", "session side\n");
    s.git(["commit", "-q", "-a", "-m", "session"]);
    s.repo.write("src/app.ts", "main side\n");
    s.repo.write("docs/guide.md", "main's docs\n");
    s.repo.git(["commit", "-q", "-a", "-m", "main moves"]);
    expect(s.git(["merge", "main"]).code).not.toBe(0); // conflict in src/app.ts
    s.write("src/app.ts", "resolved\n");
    s.git(["add", "src/app.ts"]);
    s.write("README.md", "sneaked in during the merge\n");
    s.git(["add", "README.md"]);
    const sneaky = s.git(["commit", "--no-edit"]);
    expect(sneaky.code).toBe(1);
    expect(sneaky.stderr).toContain("[HS-SCOPE-OUT] README.md");
    expect(sneaky.stderr).not.toContain("docs/guide.md");
    s.git(["restore", "--staged", "README.md"]);
    const concluded = s.git(["commit", "--no-edit"]);
    expect(concluded.code, concluded.stderr).toBe(0);
    expect(s.git(["log", "-1", "--format=%P"]).stdout.trim().split(" ")).toHaveLength(2);
  });

  it("rebase onto the target and cherry-pick within the namespace work", () => {
    s = sessionRepo();
    s.write("src/one.ts", "1\n");
    s.git(["add", "-A"]);
    s.git(["commit", "-q", "-m", "one"]);
    s.write("src/two.ts", "2\n");
    s.git(["add", "-A"]);
    s.git(["commit", "-q", "-m", "two"]);
    s.repo.write("docs/guide.md", "main moved\n");
    s.repo.git(["commit", "-q", "-a", "-m", "main moves"]);
    const rebase = s.git(["rebase", "main"]);
    expect(rebase.code, rebase.stderr).toBe(0);
    expect(s.git(["log", "--format=%s", "-3"]).stdout.trim().split("\n")).toEqual(["two", "one", "main moves"]);
    s.git(["switch", "-q", "-c", "hs/s1/pick", "main"]);
    const pick = s.git(["cherry-pick", "hs/s1/work~1"]);
    expect(pick.code, pick.stderr).toBe(0);
    expect(s.git(["log", "--format=%s", "-1"]).stdout.trim()).toBe("one");
  });

  it("cherry-picking someone else's out-of-scope commit is refused", () => {
    s = sessionRepo();
    s.repo.git(["switch", "-q", "-c", "feature"]);
    s.repo.write("docs/guide.md", "feature\n");
    s.repo.git(["commit", "-q", "-a", "-m", "feature docs"]);
    // a later committer date: within the same second git would recreate feature's exact commit id,
    // which is reachable from a non-session ref and so (rightly) not the session's change
    const pick = s.git(["cherry-pick", "feature"], { env: { GIT_COMMITTER_DATE: "2030-01-01T00:00:00Z" } });
    expect(pick.code).not.toBe(0);
    expect(pick.stderr).toContain("[HS-SCOPE-OUT] docs/guide.md");
  });

  it("commits reachable only from another session's refs (local or remote-tracking) are not trusted", () => {
    s = sessionRepo();
    s.repo.git(["switch", "-q", "-c", "hs/s2/work"]);
    s.repo.write("docs/guide.md", "s2's docs\n");
    s.repo.git(["commit", "-q", "-a", "-m", "s2 docs"]);
    const commit = s.repo.git(["rev-parse", "HEAD"]).stdout.trim();
    s.repo.git(["update-ref", "refs/remotes/origin/hs/s2/work", commit]);
    s.repo.git(["switch", "-q", "main"]);
    const merge = s.git(["merge", "--no-edit", commit]);
    expect(merge.code).not.toBe(0);
    expect(merge.stderr).toContain("[HS-SCOPE-OUT] docs/guide.md");
  });

  it("git stash (refs/stash is shared by every worktree) is refused without losing the work", () => {
    s = sessionRepo();
    s.write("src/app.ts", "precious\n");
    const stash = s.git(["stash"]);
    expect(stash.code).not.toBe(0);
    expect(stash.stderr).toContain("[HS-REF-NAMESPACE] refs/stash");
    expect(stash.stderr).toContain("next: git switch -c hs/s1/wip && git commit -a -m wip");
    expect(fs.readFileSync(path.join(s.wt, "src", "app.ts"), "utf8")).toBe("precious\n");
  });

  it("outside any session (the operator's checkout) the hooks change nothing", () => {
    s = sessionRepo();
    s.repo.write("docs/guide.md", "operator\n");
    s.repo.git(["commit", "-q", "-a", "-m", "operator"]);
    s.repo.git(["update-ref", "refs/heads/elsewhere", "HEAD"]);
    s.repo.git(["tag", "v1"]);
    expect(events(s.repo, "hook.refused")).toEqual([]);
  });
});

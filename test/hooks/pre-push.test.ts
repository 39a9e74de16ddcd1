import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { events, sessionRepo, type SessionRepo } from "./fixture.ts";

let s: SessionRepo;
afterEach(() => s?.repo.cleanup());

function withRemote(): string {
  const remote = path.join(s.repo.dir, "remote.git");
  s.repo.git(["init", "-q", "--bare", remote]);
  s.repo.git(["remote", "add", "origin", remote]);
  s.repo.git(["push", "-q", "origin", "main"]);
  return remote;
}

describe("pre-push from a session worktree (local bare remote)", () => {
  it("pushes the session's namespace", () => {
    s = sessionRepo();
    const remote = withRemote();
    s.write("src/app.ts", "pushed\n");
    s.git(["commit", "-q", "-a", "-m", "work"]);
    const push = s.git(["push", "-q", "origin", "hs/s1/work"]);
    expect(push.code, push.stderr).toBe(0);
    expect(s.repo.git(["--git-dir", remote, "rev-parse", "refs/heads/hs/s1/work"]).stdout.trim()).toBe(s.git(["rev-parse", "HEAD"]).stdout.trim());
  });

  it("refuses a remote ref outside refs/heads/hs/<id>/ and names the push that would work", () => {
    s = sessionRepo();
    const remote = withRemote();
    const before = s.repo.git(["--git-dir", remote, "rev-parse", "main"]).stdout;
    s.write("src/app.ts", "to main\n");
    s.git(["commit", "-q", "-a", "-m", "work"]);
    const push = s.git(["push", "origin", "HEAD:main"]);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain("hs: pre-push refused 1 change(s) for session s1");
    expect(push.stderr).toContain("[HS-REF-NAMESPACE] refs/heads/main: session s1 may only push to refs/heads/hs/s1/");
    expect(push.stderr).toContain("next: git push origin HEAD:refs/heads/hs/s1/work");
    expect(s.repo.git(["--git-dir", remote, "rev-parse", "main"]).stdout).toBe(before);
    expect(events(s.repo, "hook.refused")[0].payload).toMatchObject({ hook: "pre-push", refs: ["refs/heads/main"] });
  });

  it("validates every pushed commit: an out-of-scope commit on a namespace branch is refused", () => {
    s = sessionRepo();
    withRemote();
    // the operator (unchecked) puts an out-of-scope commit on a session branch; the session tries to push it
    s.repo.git(["switch", "-q", "-c", "hs/s1/handed"]);
    s.repo.write("docs/guide.md", "out of scope\n");
    s.repo.git(["commit", "-q", "-a", "-m", "docs"]);
    s.repo.write("src/app.ts", "in scope\n");
    s.repo.git(["commit", "-q", "-a", "-m", "src"]);
    s.repo.git(["switch", "-q", "main"]);
    const push = s.git(["push", "origin", "hs/s1/handed"]);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toMatch(/\[HS-SCOPE-OUT\] docs\/guide\.md \(commit [0-9a-f]{12}\)/);
    expect(push.stderr).toContain("next: git rebase -i");
    expect(push.stderr).not.toContain("src/app.ts");
  });
});

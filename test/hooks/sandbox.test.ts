// The hooks inside the real sandbox (bubblewrap via `hs session run`): .handshake/ is hidden there,
// so the refusal reaches the Flight Recorder through the session host. Fails when bwrap is missing.
import { afterEach, describe, expect, it } from "vitest";
import path from "node:path";
import { hs } from "../helpers/hs.ts";
import { events, sessionRepo, type SessionRepo } from "./fixture.ts";

let s: SessionRepo;
afterEach(() => s?.repo.cleanup());

describe("hooks inside the bubblewrap sandbox", () => {
  it("refuses an out-of-scope commit, allows an in-scope one, and records the refusal via the session host", () => {
    s = sessionRepo();
    const script = [
      "echo out >> docs/guide.md; git commit -q -a -m out; echo out-rc=$?",
      "echo in >> src/app.ts; git add src/app.ts; git commit -q -m in; echo in-rc=$?",
    ].join("; ");
    const result = hs(["session", "run", "s1", "--", "sh", "-c", script], { cwd: s.wt });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("out-rc=1");
    expect(result.stdout).toContain("in-rc=0");
    expect(result.stdout + result.stderr).toContain("[HS-SCOPE-OUT] docs/guide.md");
    // The commit lives in the session's private object store until hs imports it (verified) at merge-back.
    const privateStore = { GIT_ALTERNATE_OBJECT_DIRECTORIES: path.join(s.repo.root, ".git", "hs-objects", "s1") };
    expect(s.git(["log", "-1", "--format=%s", "hs/s1/work"], { env: privateStore }).stdout.trim()).toBe("in");
    const refused = events(s.repo, "hook.refused");
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ session_id: "s1", payload: { hook: "pre-commit", reported_via: "session-host", rules: ["HS-SCOPE-OUT"] } });
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { hs } from "../helpers/hs.ts";
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { events, initHs } from "./fixture.ts";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

function lockRepo(): TempRepo {
  repo = makeTempRepo();
  initHs(repo);
  for (const [id, scope] of [["l1", "src/**"], ["l2", "docs/**"]] as const) {
    const created = hs(["session", "create", "--isolation", "lock", "--id", id, "--scope", scope], { cwd: repo.root });
    if (created.code !== 0) throw new Error(created.stderr);
  }
  return repo;
}

const commit = (file: string, env: NodeJS.ProcessEnv = {}, extra: string[] = []) => {
  repo.write(file, `change ${Math.random()}\n`);
  repo.git(["add", file]);
  return repo.git(["commit", ...extra, "-m", `change ${file}`], { env, allowFail: true });
};

describe("lock mode (shared worktree)", () => {
  it("a session committing a path locked by another session is refused with CX-MM-002", () => {
    lockRepo();
    const result = commit("src/app.ts", { HS_SESSION_ID: "l2" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("hs: pre-commit refused 1 change(s) for session l2");
    expect(result.stderr).toMatch(/\[CX-MM-002\] src\/app\.ts: locked by session l1 \(lock [^,]+, src\/\*\*\)/);
    expect(events(repo, "hook.refused")[0]).toMatchObject({ session_id: "l2", payload: { rules: ["CX-MM-002"] } });
  });

  it("the lock holder commits its own paths; outside its scope it is refused", () => {
    lockRepo();
    expect(commit("src/app.ts", { HS_SESSION_ID: "l1" }).code).toBe(0);
    const out = commit("README.md", { HS_SESSION_ID: "l1" });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("[HS-SCOPE-OUT] README.md");
  });

  it("the operator (no HS_SESSION_ID) is refused a locked path, free elsewhere", () => {
    lockRepo();
    const locked = commit("docs/guide.md");
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain("for the operator");
    expect(locked.stderr).toContain("[CX-MM-002] docs/guide.md: locked by session l2");
    repo.git(["restore", "--staged", "docs/guide.md"]);
    expect(commit("README.md").code).toBe(0);
  });

  it("--no-verify does not get a locked path onto the shared branch", () => {
    lockRepo();
    const before = repo.git(["rev-parse", "main"]).stdout;
    const result = commit("src/app.ts", { HS_SESSION_ID: "l2" }, ["--no-verify"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("hs: reference-transaction refused");
    expect(result.stderr).toContain("[CX-MM-002] src/app.ts");
    expect(repo.git(["rev-parse", "main"]).stdout).toBe(before);
  });

  it("a lock-mode session may not move other branches", () => {
    lockRepo();
    const result = repo.git(["branch", "side"], { env: { HS_SESSION_ID: "l1" }, allowFail: true });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain("[HS-REF-NAMESPACE] refs/heads/side");
  });
});

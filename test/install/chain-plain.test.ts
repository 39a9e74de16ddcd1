import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hs } from "../helpers/hs.ts";
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { hookSnapshot, writeHook } from "./snapshot.ts";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

/** Plain .git/hooks that log their name, arguments and stdin to <dir>/hooks.log. */
function plainHooks(): string {
  const log = path.join(repo.dir, "hooks.log");
  const hooks = path.join(repo.root, ".git", "hooks");
  writeHook(path.join(hooks, "pre-commit"), `echo "pre-commit args=[$*] cwd=$(pwd)" >> '${log}'`);
  writeHook(path.join(hooks, "post-commit"), `echo "post-commit" >> '${log}'`);
  writeHook(path.join(hooks, "pre-push"), `echo "pre-push args=[$*]" >> '${log}'; sed 's/^/  stdin: /' >> '${log}'`);
  writeHook(path.join(hooks, "reference-transaction"), `echo "reference-transaction $1" >> '${log}'; sed 's/^/  stdin: /' >> '${log}'`);
  return log;
}

describe("chaining a pre-existing plain .git/hooks setup", () => {
  it("every chained hook still runs outside a session, and uninstall restores the files byte for byte", () => {
    repo = makeTempRepo();
    const log = plainHooks();
    const before = hookSnapshot(repo);
    expect(hs(["init"], { cwd: repo.root }).code).toBe(0);
    expect(repo.git(["config", "core.hooksPath"]).stdout.trim()).toBe(path.join(repo.root, ".git", "hs", "hooks"));
    repo.write("README.md", "changed\n");
    repo.git(["commit", "-q", "-a", "-m", "operator"]);
    const text = fs.readFileSync(log, "utf8");
    expect(text).toContain("pre-commit args=[]");
    expect(text).toContain("post-commit");
    expect(text).toMatch(/reference-transaction prepared\n {2}stdin: [0-9a-f]{40} [0-9a-f]{40} HEAD\n/);
    expect(text).toContain("reference-transaction committed");
    const removed = hs(["uninstall"], { cwd: repo.root });
    expect(removed.code, removed.stderr).toBe(0);
    expect(hookSnapshot(repo)).toEqual(before);
    expect(fs.existsSync(path.join(repo.root, ".git", "hs"))).toBe(false);
    expect(fs.existsSync(path.join(repo.root, ".handshake", "flight-recorder.db"))).toBe(true);
  });

  it("inside a session the chained hooks run after hs's check with the same arguments and the same stdin", () => {
    repo = makeTempRepo();
    const log = plainHooks();
    expect(hs(["init"], { cwd: repo.root }).code).toBe(0);
    const created = hs(["session", "create", "--id", "s1", "--scope", "src/**", "--json"], { cwd: repo.root });
    expect(created.code, created.stderr).toBe(0);
    const wt = created.json().worktree as string;
    const remote = path.join(repo.dir, "remote.git");
    repo.git(["init", "-q", "--bare", remote]);
    repo.git(["remote", "add", "origin", remote]);
    fs.writeFileSync(log, "");
    fs.writeFileSync(path.join(wt, "src", "app.ts"), "session\n");
    repo.git(["commit", "-q", "-a", "-m", "session work"], { cwd: wt });
    const head = repo.git(["rev-parse", "HEAD"], { cwd: wt }).stdout.trim();
    const base = repo.git(["rev-parse", "main"]).stdout.trim();
    repo.git(["push", "-q", "origin", "hs/s1/work"], { cwd: wt });
    const text = fs.readFileSync(log, "utf8");
    expect(text).toContain(`pre-commit args=[] cwd=${fs.realpathSync(wt)}`);
    // reference-transaction "prepared" went through Node (a real ref moved); its chained copy saw the same bytes
    expect(text).toContain(`reference-transaction prepared\n  stdin: ${base} ${head} HEAD\n  stdin: ${base} ${head} refs/heads/hs/s1/work\n`);
    expect(text).toContain(`pre-push args=[origin ${remote}]\n  stdin: refs/heads/hs/s1/work ${head} refs/heads/hs/s1/work ${"0".repeat(40)}\n`);
  });

  it("a refused commit stops before the chained hook runs", () => {
    repo = makeTempRepo();
    const log = plainHooks();
    hs(["init"], { cwd: repo.root });
    const wt = hs(["session", "create", "--id", "s1", "--scope", "src/**", "--json"], { cwd: repo.root }).json().worktree as string;
    fs.writeFileSync(log, "");
    fs.writeFileSync(path.join(wt, "README.md"), "out of scope\n");
    const result = repo.git(["commit", "-a", "-m", "x"], { cwd: wt, allowFail: true });
    expect(result.code).toBe(1);
    expect(fs.readFileSync(log, "utf8")).not.toContain("pre-commit");
  });
});

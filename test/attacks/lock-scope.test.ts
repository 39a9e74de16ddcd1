// Attacks on lock mode from inside a real sandboxed lock session: it shares the worktree with another lock
// session and the operator, and must never write outside its own scope (issue 8, class 6).
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hs } from "../helpers/hs.ts";
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";
import { changes, lockFixture, outsideScope, type LockFixture } from "./lock-fixture.ts";

let fx: LockFixture | undefined;
let repo: TempRepo | undefined;
afterEach(() => {
  fx?.cleanup();
  repo?.cleanup();
  fx = repo = undefined;
});

const L1_SCOPE = /^(src\/app\.ts|notes\/.*)$/;

describe("lock scopes the sandbox cannot confine exactly are refused at creation", () => {
  it.each([
    ["src/*.ts", "the folder 'src'"],
    ["src/**/*.ts", "the folder 'src'"],
    ["**/*.ts", "the whole worktree"],
    ["**", "the whole worktree"],
    ["{src,docs}/*.md", "the folder 'src'"],
    [".handshake/**", "hs's own state"],
    [".git/hooks/**", "hs's own state"],
  ])("%s -> HS-LOCK-SCOPE-UNENFORCEABLE, nothing registered", (glob, says) => {
    repo ??= makeTempRepo();
    if (!fs.existsSync(path.join(repo.root, ".handshake"))) expect(hs(["init", "--worktrees-dir", "../wts"], { cwd: repo.root }).code).toBe(0);
    const refused = hs(["session", "create", "--isolation", "lock", "--id", "x1", "--scope", glob], { cwd: repo.root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("[HS-LOCK-SCOPE-UNENFORCEABLE]");
    expect(refused.stderr).toContain(says);
    expect(refused.stderr).toMatch(/next: hs session create --id x1 --scope '.*'/);
    expect(hs(["session", "list", "--json"], { cwd: repo.root }).json()).toEqual([]);
    expect(hs(["lock", "list", "--json"], { cwd: repo.root }).json()).toEqual([]);
    expect(repo.git(["branch", "--list", "hs/*"]).stdout).toBe("");
  });

  it("the suggested worktree session with the same glob is created", () => {
    repo = makeTempRepo();
    expect(hs(["init", "--worktrees-dir", "../wts"], { cwd: repo.root }).code).toBe(0);
    const refused = hs(["session", "create", "--isolation", "lock", "--id", "x1", "--scope", "src/*.ts"], { cwd: repo.root });
    const next = /next: (hs session create [^(]*?)\s+\(/.exec(refused.stderr)?.[1];
    expect(next).toBe("hs session create --id x1 --scope 'src/*.ts'");
    const argv = next!.split(" ").slice(1).map((arg) => arg.replace(/^'|'$/g, ""));
    expect(hs(argv, { cwd: repo.root }).code).toBe(0);
  });
});

describe("a lock session (src/app.ts, notes/**) attacking the shared worktree from inside the sandbox", () => {
  it("cannot delete or change another lock session's folder, unscoped files, governance, hs's state or the shared git dir", async () => {
    fx = lockFixture();
    const before = outsideScope(fx, "l1", L1_SCOPE);
    const payload = [
      "/bin/rm -rf src/lib; echo lib=$?",
      "/bin/rm -f src/other.ts README.md; echo unscoped=$?",
      "echo x > src/new.ts; echo create-beside=$?",
      "mv src/other.ts notes/stolen.ts; echo move-out=$?",
      "ln src/lib/util.ts notes/hard; echo hardlink=$?",
      "ln -s ../src/lib notes/via; echo x >> notes/via/util.ts; echo through-symlink=$?",
      "echo pwn >> .GOV/policy.md; echo gov=$?",
      "ls .handshake; cat .handshake/devcc.db > /dev/null; echo registry=$?",
      "ls .handshake/sessions/l2 2>&1; echo l2-dir=$?",
      "echo '[core] hooksPath=/dev/null' >> .git/config; echo git-config=$?",
      "echo x > .git/commondir; echo commondir=$?",
      "echo '{}' > .git/hs-session.json; echo marker=$?",
      "echo '[core] hooksPath=/dev/null' > .git/config.worktree; echo config-worktree=$?",
      "git update-ref refs/heads/main HEAD; echo update-main=$?",
      "/usr/bin/git update-ref refs/heads/main HEAD; echo raw-update-main=$?",
      "echo in-scope >> src/app.ts; echo own=$?",
      "echo note > notes/mine.md; echo own-folder=$?",
    ].join("; ");
    const result = await fx.run("l1", payload, { HS_APPROVAL_TIMEOUT_SECONDS: "1" });
    const out = result.stdout;
    for (const attempt of ["lib", "unscoped", "create-beside", "move-out", "hardlink", "through-symlink", "gov", "registry", "l2-dir", "git-config", "commondir", "marker", "config-worktree", "update-main", "raw-update-main"]) {
      expect(out, `${attempt}\n${out}\n${result.stderr}`).not.toMatch(new RegExp(`^${attempt}=0$`, "m"));
    }
    expect(out).toMatch(/^own=0$/m);
    expect(out).toMatch(/^own-folder=0$/m);
    // .handshake is an empty, read-only folder inside: no registry, no other session's socket
    expect(out).not.toContain("devcc.db");
    expect(changes(before, outsideScope(fx, "l1", L1_SCOPE))).toEqual([]);
    expect(fx.repo.read("src/app.ts")).toContain("in-scope");
    expect(fx.repo.git(["fsck", "--strict", "--no-progress"]).code).toBe(0);
  });

  it("a scope folder replaced by a symlink is refused at start (a bind would follow it), nothing runs", async () => {
    fx = lockFixture([{ id: "l1", scope: ["notes/**"] }, { id: "l2", scope: ["src/lib/**"] }]);
    fs.symlinkSync("src/lib", path.join(fx.main, "notes"));
    const before = outsideScope(fx, "l1", /^$/);
    const result = await fx.run("l1", "echo ran; echo x > notes/util.ts");
    expect(result.code).not.toBe(0);
    expect(result.stdout).not.toContain("ran");
    expect(result.stderr).toContain("[HS-LOCK-SCOPE-UNENFORCEABLE]");
    expect(result.stderr).toContain("'notes' is a symlink");
    expect(changes(before, outsideScope(fx, "l1", /^$/))).toEqual([]);
  });
});

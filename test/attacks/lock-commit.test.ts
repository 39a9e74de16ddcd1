// Lock mode that works (issue 10): a lock session commits in scope from inside the sandbox on hs/<id>/work
// without moving the shared HEAD or index, merge-back hands it to the shared branch, the operator commits
// unlocked files while lock sessions are active or paused, and hs's own files raise no violations.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hs, hsAsync } from "../helpers/hs.ts";
import { lockFixture, type LockFixture } from "./lock-fixture.ts";

let fx: LockFixture | undefined;
afterEach(() => {
  fx?.cleanup();
  fx = undefined;
});

const sha = (fx: LockFixture, rev: string) => fx.repo.git(["rev-parse", rev]).stdout.trim();

describe("a lock session commits inside the sandbox", () => {
  it("on hs/<id>/work through its own index; the shared HEAD and index stay; merge-back applies it; close releases the locks", async () => {
    fx = lockFixture();
    const main = sha(fx, "main");
    const sharedIndex = fs.readFileSync(path.join(fx.main, ".git/index"));
    const result = await fx.run("l1", [
      "echo 'export const app = 2;' > src/app.ts && mkdir -p notes && echo n > notes/n.md",
      "git add src/app.ts notes/n.md && git commit -qm 'l1 work'; echo commit=$?",
      "git branch --show-current; git status --short --untracked-files=no",
      "echo x >> README.md; git add README.md 2>/dev/null; echo readme=$?",
    ].join("; "), { HS_APPROVAL_TIMEOUT_SECONDS: "1" });
    expect(result.stdout, result.stderr).toContain("commit=0");
    expect(result.stdout).toContain("hs/l1/work");
    expect(result.stdout).not.toContain("readme=0");
    expect(result.stderr).not.toContain("Read-only file system\nfatal");
    expect(sha(fx, "main")).toBe(main);
    expect(fs.readFileSync(path.join(fx.main, ".git/index")).equals(sharedIndex)).toBe(true);
    expect(fx.events("scope.violation").filter((event) => event.session_id === "l1")).toEqual([]);

    // The operator has uncommitted work elsewhere (docs/guide.md, l2's src/lib/util.ts): it stays untouched.
    const dry = fx.hs(["merge-back", "l1"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("CLEAN");
    // The host reads the session's objects only after merge-back imported them by content.
    expect(fx.repo.git(["show", "--name-only", "--format=%s", "hs/l1/work"]).stdout.trim().split("\n")).toEqual(["l1 work", "", "notes/n.md", "src/app.ts"]);
    const applied = fx.hs(["merge-back", "l1", "--apply"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(fx.repo.git(["show", "main:src/app.ts"]).stdout).toBe("export const app = 2;\n");
    expect(fx.repo.git(["status", "--short", "--untracked-files=no"]).stdout.split("\n").filter(Boolean).sort()).toEqual([" M docs/guide.md", " M src/lib/util.ts"]);
    expect(fx.repo.read("docs/guide.md")).toBe("guide\noperator wip\n");
    const closed = fx.hs(["session", "close", "l1"]);
    expect(closed.code, closed.stderr).toBe(0);
    expect(fx.hs(["lock", "list", "--json"]).json().map((lock: { session_id: string }) => lock.session_id)).toEqual(["l2"]);
    expect(fx.repo.git(["fsck", "--strict", "--no-progress"]).code).toBe(0);
  });

  it("merge-back refuses (HS-MERGE-TARGET-DIRTY) when the shared worktree no longer holds what the session committed", async () => {
    fx = lockFixture();
    await fx.run("l1", "echo 'export const app = 3;' > src/app.ts && git commit -qm 'l1' -- src/app.ts && echo committed; echo after-commit >> src/app.ts");
    const main = sha(fx, "main");
    const applied = fx.hs(["merge-back", "l1", "--apply"]);
    expect(applied.code).toBe(3);
    expect(applied.stderr).toContain("[HS-MERGE-TARGET-DIRTY]");
    expect(applied.stderr).toContain("src/app.ts");
    expect(fx.repo.git(["log", "-1", "--format=%s", "hs/l1/work"]).stdout.trim()).toBe("l1");
    expect(sha(fx, "main")).toBe(main);
    expect(fx.repo.read("src/app.ts")).toBe("export const app = 3;\nafter-commit\n");
  });
});

describe("a lock session forging an out-of-scope commit on its own branch", () => {
  it("hooks off and plumbing only: the commit lands on hs/l1/work, merge-back blocks it (HS-MERGE-SCOPE), nothing shared moves", async () => {
    fx = lockFixture();
    const main = sha(fx, "main");
    const forged = await fx.run("l1", [
      "blob=$(echo pwned | /usr/bin/git hash-object -w --stdin)",
      "/usr/bin/git update-index --cacheinfo 100644,$blob,README.md",
      "/usr/bin/git -c core.hooksPath=/dev/null commit -q --no-verify -m forged; echo forged=$?",
    ].join(" && "));
    expect(forged.stdout, forged.stderr).toContain("forged=0");
    const dry = fx.hs(["merge-back", "l1"]);
    expect(dry.code).toBe(3);
    expect(dry.stdout + dry.stderr).toContain("HS-MERGE-SCOPE");
    expect(fx.hs(["merge-back", "l1", "--apply"]).code).toBe(3);
    expect(sha(fx, "main")).toBe(main);
    expect(fx.repo.read("README.md")).toBe("# test\n");
  });
});

describe("the operator commits unlocked files while lock sessions exist", () => {
  it("while a lock session is active (running) and while it is paused; a locked path is still refused", async () => {
    fx = lockFixture();
    const running = hsAsync(["session", "run", "l1", "--", "sh", "-c", "echo 'export const app = 9;' > src/app.ts; sleep 4"], { cwd: fx.main });
    for (let i = 0; i < 100 && !/active/.test(fx.hs(["session", "show", "l1", "--json"]).stdout); i++) await new Promise((r) => setTimeout(r, 100));
    expect(fx.hs(["session", "show", "l1", "--json"]).json().state).toBe("active");
    fx.repo.write("README.md", "# test\nactive\n");
    const whileActive = fx.repo.git(["commit", "-qm", "op while active", "--", "README.md"], { allowFail: true });
    expect(whileActive.code, whileActive.stderr).toBe(0);
    await running;
    expect(fx.hs(["session", "show", "l1", "--json"]).json().state).toBe("paused");
    fx.repo.write("README.md", "# test\npaused\n");
    fx.repo.git(["add", "README.md", "docs/guide.md"]);
    const whilePaused = fx.repo.git(["commit", "-qm", "op while paused"], { allowFail: true });
    expect(whilePaused.code, whilePaused.stderr).toBe(0);
    expect(fx.repo.git(["show", "--name-only", "--format=", "HEAD"]).stdout.trim().split("\n")).toEqual(["README.md", "docs/guide.md"]);
    const locked = fx.repo.git(["commit", "-qm", "locked", "--", "src/app.ts"], { allowFail: true });
    expect(locked.code).not.toBe(0);
    expect(locked.stderr).toContain("[CX-MM-002] src/app.ts");
    expect(hs(["log", "verify"], { cwd: fx.main }).code).toBe(0);
  });
});

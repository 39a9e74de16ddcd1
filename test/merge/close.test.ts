// hs session close: proves nothing is lost (uncommitted, untracked, unmerged by patch identity) before removing anything.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeMergeWorkspace, type MergeWorkspace } from "./workspace.ts";

let ws: MergeWorkspace;
afterEach(() => ws?.cleanup());

const branchExists = (id: string) => ws.repo.git(["rev-parse", "--verify", "--quiet", `refs/heads/hs/${id}/work`], { allowFail: true }).code === 0;
const backups = (id: string) => ws.repo.git(["for-each-ref", "--format=%(refname) %(objectname)", `refs/hs-backup/${id}/`]).stdout.trim().split("\n").filter(Boolean);

describe("hs session close", () => {
  it("refuses a live session", () => {
    ws = makeMergeWorkspace();
    ws.session("s1");
    const result = ws.hs(["session", "close", "s1"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("HS-CLOSE-LIVE");
  });

  it("refuses with uncommitted, untracked and unmerged work, listing each, and removes nothing", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    const head = ws.commit(wt, { "src/app.ts": "unmerged work\n" }, "work that never reached main");
    expect(ws.hs(["session", "cancel", "s1"]).code).toBe(0);
    fs.writeFileSync(path.join(wt, "src/app.ts"), "uncommitted\n");
    fs.writeFileSync(path.join(wt, "src/new.ts"), "untracked\n");
    const result = ws.hs(["session", "close", "s1"]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain("HS-CLOSE-WOULD-LOSE");
    expect(result.stderr).toContain("uncommitted: src/app.ts");
    expect(result.stderr).toContain("untracked: src/new.ts");
    expect(result.stderr).toContain(`unmerged commit: ${head.slice(0, 12)} work that never reached main`);
    expect(fs.existsSync(wt)).toBe(true);
    expect(branchExists("s1")).toBe(true);

    // clean the worktree: the unmerged commit alone still refuses
    ws.gitIn(wt, ["checkout", "-q", "--", "src/app.ts"]);
    fs.rmSync(path.join(wt, "src/new.ts"));
    const still = ws.hs(["session", "close", "s1"]);
    expect(still.code).toBe(4);
    expect(still.stderr).not.toContain("untracked");
    expect(still.stderr).toContain("unmerged commit");
  });

  it("accepts after a squash merge-back (patch identity of the combined diff), writes the backup ref first", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    ws.commit(wt, { "src/a.ts": "a\n" }, "one");
    const head = ws.commit(wt, { "src/b.ts": "b\n" }, "two");
    expect(ws.hs(["merge-back", "s1", "--apply", "--strategy", "squash"]).code).toBe(0);
    // main moves on afterwards: still provable
    ws.repo.write("docs/guide.md", "later\n");
    ws.repo.git(["commit", "-qam", "later"]);
    const result = ws.hs(["session", "close", "s1", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const closed = result.json();
    expect(closed.removedWorktree).toBe(wt);
    expect(fs.existsSync(wt)).toBe(false);
    expect(branchExists("s1")).toBe(false);
    expect(backups("s1")).toEqual([expect.stringMatching(new RegExp(`^refs/hs-backup/s1/\\d{8}T\\d+Z/work ${head}$`))]);
    const types = ws.hs(["log", "--json"]).json<any[]>().map((event) => event.type);
    expect(types.indexOf("backup_ref.created")).toBeLessThan(types.indexOf("worktree.removed"));
    expect(types).toContain("session.closed");
    expect(ws.repo.git(["worktree", "list", "--porcelain"]).stdout).not.toContain(wt);
  });

  it("accepts after a merge-commit merge-back (commits reachable from the target)", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    ws.commit(wt, { "src/a.ts": "a\n" }, "one");
    expect(ws.hs(["merge-back", "s1", "--apply"]).code).toBe(0);
    expect(ws.hs(["session", "close", "s1"]).code).toBe(0);
    expect(branchExists("s1")).toBe(false);
  });

  it("--discard needs --reason and an approved request, keeps backup refs of the branch and of uncommitted changes", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    const head = ws.commit(wt, { "src/app.ts": "doomed\n" }, "doomed");
    ws.hs(["session", "cancel", "s1"]);
    fs.writeFileSync(path.join(wt, "src/app.ts"), "doomed and uncommitted\n");
    expect(ws.hs(["session", "close", "s1", "--discard"]).code).toBe(2);
    const asked = ws.hs(["session", "close", "s1", "--discard", "--reason", "experiment abandoned"]);
    expect(asked.code).toBe(77);
    expect(fs.existsSync(wt)).toBe(true);
    const request = /request (ap-[\w-]+) is pending/.exec(asked.stderr)?.[1];
    expect(request, asked.stderr).toBeDefined();
    expect(ws.hs(["approve", request!]).code).toBe(0);
    const result = ws.hs(["session", "close", "s1", "--discard", "--reason", "experiment abandoned"]);
    expect(result.code, result.stderr).toBe(0);
    expect(fs.existsSync(wt)).toBe(false);
    const refs = backups("s1");
    expect(refs).toContainEqual(expect.stringMatching(new RegExp(`/work ${head}$`)));
    const stash = refs.find((ref) => ref.includes("/uncommitted "))!.split(" ")[1]!;
    expect(ws.repo.git(["show", `${stash}:src/app.ts`]).stdout).toBe("doomed and uncommitted\n");
  });
});

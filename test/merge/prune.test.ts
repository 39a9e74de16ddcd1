// hs prune: lists orphaned worktrees, vanished registry worktrees and stale branches; removes only what is provably merged.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeMergeWorkspace, type MergeWorkspace } from "./workspace.ts";

let ws: MergeWorkspace;
afterEach(() => ws?.cleanup());

describe("hs prune", () => {
  it("lists, then removes only provably merged orphans behind a backup ref and keeps the rest", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    const hsRoot = path.dirname(wt);
    const clean = path.join(hsRoot, "ghost1");
    const busy = path.join(hsRoot, "ghost2");
    ws.repo.git(["worktree", "add", "-q", "-b", "hs/ghost1/work", clean, "main"]);
    ws.repo.git(["worktree", "add", "-q", "-b", "hs/ghost2/work", busy, "main"]);
    ws.commit(busy, { "src/ghost.ts": "unmerged\n" }, "ghost work");
    fs.rmSync(wt, { recursive: true, force: true });

    const listed = ws.hs(["prune", "--json"]);
    expect(listed.code, listed.stderr).toBe(0);
    const kinds = listed.json().items.map((item: any) => `${item.kind} ${item.path ?? item.ref}`);
    expect(kinds).toEqual(
      expect.arrayContaining([`orphaned-worktree ${clean}`, `orphaned-worktree ${busy}`, `vanished-worktree ${wt}`, "stale-branch refs/heads/hs/ghost1/work", "stale-branch refs/heads/hs/ghost2/work"]),
    );
    expect(fs.existsSync(clean)).toBe(true); // listing removes nothing

    const removed = ws.hs(["prune", "--remove", "--json"]).json();
    expect(removed.removed.map((item: any) => item.path ?? item.ref)).toEqual(expect.arrayContaining([clean, "refs/heads/hs/ghost1/work"]));
    expect(removed.kept.map((item: any) => item.path ?? item.ref)).toEqual(expect.arrayContaining([busy, "refs/heads/hs/ghost2/work"]));
    expect(removed.kept[0].lost.join("\n")).toContain("unmerged commit");
    expect(fs.existsSync(clean)).toBe(false);
    expect(fs.existsSync(busy)).toBe(true);
    expect(ws.repo.git(["for-each-ref", "refs/hs-backup/orphan/"]).stdout).toContain("ghost1/work");
    expect(ws.repo.git(["rev-parse", "--verify", "--quiet", "refs/heads/hs/ghost2/work"]).code).toBe(0);
  });
});

// Apply under pressure: two applies racing for one target, and kill -9 at every step (HS_TEST_CRASH_AT seam).
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeMergeWorkspace, type MergeWorkspace } from "./workspace.ts";
import { hsAsync } from "../helpers/hs.ts";
import { APPLY_STEPS } from "../../src/merge/crash.ts";

let ws: MergeWorkspace;
afterEach(() => ws?.cleanup());

async function waitFor(check: () => boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("two --apply racing for the same target", () => {
  it.each(["not checked out", "checked out"])("exactly one wins, the other re-checks and reports (target %s)", async (mode) => {
    ws = makeMergeWorkspace();
    const a = ws.session("a", ["src/a/**"]);
    const b = ws.session("b", ["src/b/**"]);
    ws.commit(a, { "src/a/x.ts": "a\n" }, "a");
    ws.commit(b, { "src/b/y.ts": "b\n" }, "b");
    if (mode === "not checked out") ws.repo.git(["checkout", "-q", "--detach"]);
    const old = ws.head("main");
    const barrier = path.join(ws.repo.dir, "barrier");
    fs.mkdirSync(barrier);
    const env = { HS_TEST_BARRIER: barrier, HS_TEST_BARRIER_AT: "before-move" };
    const runs = [hsAsync(["merge-back", "a", "--apply", "--json"], { cwd: ws.repo.root, env }), hsAsync(["merge-back", "b", "--apply", "--json"], { cwd: ws.repo.root, env })];
    await waitFor(() => fs.readdirSync(barrier).filter((name) => name.endsWith(".ready")).length === 2);
    fs.writeFileSync(path.join(barrier, "go"), "");
    const results = await Promise.all(runs);
    const codes = results.map((result) => result.code).sort();
    expect(codes, results.map((result) => result.stderr).join("\n")).toEqual([0, 4]);
    const winner = results.find((result) => result.code === 0)!;
    const loser = results.find((result) => result.code === 4)!;
    expect(loser.stderr).toContain("HS-MERGE-TARGET-MOVED");
    expect(loser.stderr).toContain("re-check: still merges cleanly");
    const summary = winner.json();
    expect(ws.head("main")).toBe(summary.applied.new);
    expect(ws.head("main^1")).toBe(old);
    const loserId = summary.session === "a" ? "b" : "a";
    expect(ws.hs(["session", "show", loserId, "--json"]).json().state).not.toBe("completed");
    expect(ws.repo.git(["fsck", "--no-progress"]).code).toBe(0);
    // the loser applies cleanly when run again
    const again = ws.hs(["merge-back", loserId, "--apply"]);
    expect(again.code, again.stdout + again.stderr + ws.repo.git(["status", "--porcelain"]).stdout).toBe(0);
    const files = ws.repo.git(["ls-tree", "-r", "--name-only", "main", "src"]).stdout.split("\n");
    expect(files).toEqual(expect.arrayContaining(["src/a/x.ts", "src/b/y.ts"]));
  });
});

describe("kill -9 during apply", () => {
  it.each(APPLY_STEPS)("at %s the target is at its old or its new commit, the checkout is consistent, fsck is clean", (step) => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    ws.commit(wt, { "src/app.ts": "session\n" }, "s1");
    const old = ws.head("main");
    const killed = ws.hs(["merge-back", "s1", "--apply"], { HS_TEST_CRASH_AT: step });
    expect(killed.code).toBe(128); // killed by SIGKILL: no exit status
    const now = ws.head("main");
    const moved = now !== old;
    expect(moved).toBe(APPLY_STEPS.indexOf(step) > APPLY_STEPS.indexOf("before-update-ref"));
    if (moved) expect(ws.head("main^1")).toBe(old);
    expect(ws.repo.git(["status", "--porcelain"]).stdout).toBe("");
    expect(ws.repo.read("src/app.ts")).toBe(moved ? "session\n" : "export const app = 1;\n");
    expect(ws.repo.git(["fsck", "--no-progress"]).code).toBe(0);
    // running it again finishes the job either way
    const again = ws.hs(["merge-back", "s1", "--apply"]);
    expect(again.code, again.stderr).toBe(0);
    expect(ws.hs(["session", "show", "s1", "--json"]).json().state).toBe("completed");
    expect(ws.repo.read("src/app.ts")).toBe("session\n");
  });
});

describe("kill -9 during a squash apply", () => {
  it("after the target moved, running again recognises the squash (trailer + patch identity) instead of squashing twice", () => {
    ws = makeMergeWorkspace();
    const wt = ws.session("s1");
    ws.commit(wt, { "src/a.ts": "a\n" }, "one");
    ws.commit(wt, { "src/b.ts": "b\n" }, "two");
    const old = ws.head("main");
    expect(ws.hs(["merge-back", "s1", "--apply", "--strategy", "squash"], { HS_TEST_CRASH_AT: "after-update-ref" }).code).toBe(128);
    const squashed = ws.head("main");
    expect(ws.head("main^")).toBe(old);
    const again = ws.hs(["merge-back", "s1", "--apply", "--strategy", "squash", "--json"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.json().status).toBe("empty");
    expect(ws.head("main")).toBe(squashed);
    expect(ws.hs(["session", "show", "s1", "--json"]).json().state).toBe("completed");
  });
});

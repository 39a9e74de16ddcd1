// hs conflicts: predicted conflicts between sessions and against targets, overlapping scopes, shared dirty files.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeMergeWorkspace, type MergeWorkspace } from "./workspace.ts";
import { changesMayCollide, dirtyOverlaps, indexPaths } from "../../src/merge/radar-plan.ts";

let ws: MergeWorkspace;
afterEach(() => ws?.cleanup());

describe("changesMayCollide (pure)", () => {
  it.each([
    [["a/x.ts"], ["a/x.ts"], true],
    [["a/x.ts"], ["a/y.ts"], false],
    [["a"], ["a/x.ts"], true],
    [["a/x.ts"], ["a"], true],
    [["a/b/c"], ["a/b"], true],
    [["ab/x"], ["a/x"], false],
    [[], ["a"], false],
  ] as const)("%j vs %j -> %s", (a, b, expected) => {
    expect(changesMayCollide(indexPaths(a), indexPaths(b))).toBe(expected);
  });

  it("dirtyOverlaps lists only paths dirty in two or more worktrees", () => {
    expect(dirtyOverlaps(new Map([["s1", ["a", "b"]], ["s2", ["b"]], ["s3", ["c"]]]))).toEqual([{ path: "b", worktrees: ["s1", "s2"] }]);
  });
});

describe("hs conflicts", () => {
  it("predicts session/session and session/target conflicts, overlapping scopes and shared dirty files without touching checkouts", () => {
    ws = makeMergeWorkspace();
    const a = ws.session("a", ["src/**"]);
    const b = ws.session("b", ["src/**"]);
    const c = ws.session("c", ["docs/**"]);
    ws.commit(a, { "src/app.ts": "from a\n" }, "a");
    ws.commit(b, { "src/app.ts": "from b\n" }, "b");
    ws.commit(c, { "docs/guide.md": "from c\n" }, "c");
    ws.repo.write("docs/guide.md", "from main\n");
    ws.repo.git(["commit", "-qam", "main edits the guide"]);
    fs.writeFileSync(path.join(a, "src/wip.ts"), "a\n");
    fs.writeFileSync(path.join(b, "src/wip.ts"), "b\n");
    const heads = ["a", "b", "c"].map((id) => ws.head(`hs/${id}/work`));
    const result = ws.hs(["conflicts", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const report = result.json();
    const ab = report.pairs.find((pair: any) => pair.a === "a" && pair.b === "b");
    expect(ab.predicted_conflicts).toEqual([{ path: "src/app.ts", kind: "content" }]);
    expect(ab.scope_overlap).not.toBeNull();
    expect(report.pairs.find((pair: any) => pair.b === "c" && pair.a === "a")).toBeUndefined();
    expect(report.targets.find((target: any) => target.session === "c").predicted_conflicts).toEqual([{ path: "docs/guide.md", kind: "content" }]);
    expect(report.targets.find((target: any) => target.session === "a").predicted_conflicts).toEqual([]);
    expect(report.dirty_overlaps).toEqual([{ path: "src/wip.ts", worktrees: ["a", "b"] }]);
    // nothing moved, nothing checked out changed
    expect(["a", "b", "c"].map((id) => ws.head(`hs/${id}/work`))).toEqual(heads);
    expect(fs.readFileSync(path.join(a, "src/app.ts"), "utf8")).toBe("from a\n");
    // the second run answers from the (oid, oid) cache
    const again = ws.hs(["conflicts", "--json"]).json();
    expect(again.stats.merge_trees).toBe(0);
    expect(again.stats.cached).toBeGreaterThan(0);
    expect(again.pairs).toEqual(report.pairs);
    expect(ws.hs(["conflicts"]).stdout).toMatch(/a vs b: src\/app.ts \(content\)/);
  });
});

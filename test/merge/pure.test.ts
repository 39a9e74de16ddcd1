// Table-driven tests of the pure merge-back decisions: plan, commit shape, re-validation, hunks, markdown.
import { describe, expect, it } from "vitest";
import { planCommit, planMergeBack, type ApplyInput } from "../../src/merge/plan.ts";
import { validateChanges } from "../../src/merge/validate.ts";
import { landingMismatches, parseLanded } from "../../src/merge/landing.ts";
import { extractHunks, looksBinary } from "../../src/merge/hunks.ts";
import { renderConflictsMarkdown } from "../../src/merge/render-conflicts.ts";
import { ConflictsSchema } from "../../src/merge/schemas.ts";
import type { ClassifiedConflict } from "../../src/merge/conflict-kinds.ts";

const conflict: ClassifiedConflict = { path: "a", kind: "content", base: null, ours: null, theirs: null, relatedPaths: [], messages: [] };
const violation = { code: "HS-MERGE-SCOPE" as const, path: "x", commit: null, message: "x" };

describe("planMergeBack", () => {
  it.each([
    [{ dirtyFiles: ["f"], violations: [violation], conflicts: [conflict], empty: false }, "dirty", 3, null, false],
    [{ dirtyFiles: [], violations: [], conflicts: [], empty: true }, "empty", 0, null, false],
    [{ dirtyFiles: [], violations: [violation], conflicts: [], empty: false }, "violations", 3, "blocked", true],
    [{ dirtyFiles: [], violations: [violation], conflicts: [conflict], empty: false }, "violations", 3, "blocked", true],
    [{ dirtyFiles: [], violations: [], conflicts: [conflict], empty: false }, "conflicts", 3, "blocked", true],
    [{ dirtyFiles: [], violations: [], conflicts: [], empty: false }, "clean", 0, null, true],
  ] as const)("%j -> %s / exit %d", (facts, status, exit, transition, artifact) => {
    const plan = planMergeBack({ ...facts, dirtyFiles: [...facts.dirtyFiles], violations: [...facts.violations], conflicts: [...facts.conflicts] });
    expect([plan.status, plan.exitCode, plan.transitionTo, plan.writeArtifact]).toEqual([status, exit, transition, artifact]);
  });
});

describe("planCommit", () => {
  const input: ApplyInput = { strategy: "merge", sessionId: "s1", artifact: "s1-x", target: "T", targetRef: "refs/heads/main", head: "H", mergeBase: "B", mergedTree: "TREE", subjects: ["one"] };
  it.each([
    ["merge", "B", { kind: "commit", parents: ["T", "H"] }],
    ["squash", "B", { kind: "commit", parents: ["T"] }],
    ["ff", "T", { kind: "ff", parents: [] }],
  ] as const)("%s (merge base %s)", (strategy, mergeBase, expected) => {
    const shape = planCommit({ ...input, strategy, mergeBase });
    expect(shape).toMatchObject(expected);
    if (strategy !== "ff") expect((shape as { message: string }).message).toMatch(/\n\nHandshake-Session: s1\nHandshake-Artifact: s1-x\n$/);
  });
  it("ff on a diverged target is an error", () => expect(planCommit({ ...input, strategy: "ff" })).toHaveProperty("error"));
});

describe("validateChanges", () => {
  const base = { inScope: (p: string) => p.startsWith("src/"), isGovernance: (p: string) => p.startsWith(".GOV/"), lockedBy: (p: string) => (p === "src/locked" ? "L" : undefined), baseIsAncestor: true, base: "b".repeat(40) };
  it.each([
    ["src/a.ts", []],
    ["docs/a.md", ["HS-MERGE-SCOPE"]],
    [".GOV/x", ["HS-MERGE-GOVERNANCE"]],
    ["src/locked", ["HS-MERGE-LOCKED"]],
  ] as const)("%s -> %j", (path, codes) => {
    expect(validateChanges({ ...base, touched: [{ path, commit: null }] }).map((v) => v.code)).toEqual(codes);
  });
  it("reports a path once and a rewritten base first", () => {
    const result = validateChanges({ ...base, baseIsAncestor: false, touched: [{ path: "docs/a", commit: "c1" }, { path: "docs/a", commit: "c2" }] });
    expect(result.map((v) => v.code)).toEqual(["HS-MERGE-BASE", "HS-MERGE-SCOPE"]);
    expect(result[1]?.commit).toBe("c1");
  });
});

describe("extractHunks", () => {
  it.each([
    ["a\n<<<<<<< ours\nO\n||||||| base\nB\n=======\nT\n>>>>>>> theirs\nz\n", [{ start_line: 2, ours: "O\n", base: "B\n", theirs: "T\n" }]],
    ["<<<<<<< ours\nO\n=======\n>>>>>>> theirs\n", [{ start_line: 1, ours: "O\n", base: null, theirs: "" }]],
    ["no markers\n=======\n", []],
  ] as const)("%j", (text, hunks) => expect(extractHunks(text)).toEqual(hunks));
  it("binary detection", () => expect([looksBinary(Buffer.from([1, 0, 2])), looksBinary(Buffer.from("text"))]).toEqual([true, false]));
});

describe("renderConflictsMarkdown", () => {
  it("names every conflict with its kind, sides and hunks, and fences text containing backticks safely", () => {
    const report = ConflictsSchema.parse({
      schema: "hs.conflicts@1", created_at: "2026-01-01T00:00:00Z", session_id: "s1", target_ref: "refs/heads/main",
      target_oid: "a".repeat(40), head: "b".repeat(40), merge_base: "c".repeat(40), merge_tree: "d".repeat(40),
      conflicts: [{ path: "src/x.ts", kind: "content", base: null, ours: { mode: "100644", oid: "e".repeat(40) }, theirs: null, related_paths: [], messages: ["m"], hunks: [{ start_line: 3, ours: "```\n", base: null, theirs: "t\n" }], other_sessions: ["s2"] }],
    });
    const md = renderConflictsMarkdown(report);
    expect(md).toContain("| `src/x.ts` | content | — | `eeeeeeeeeeee` (100644) | — | s2 |");
    expect(md).toContain("````\n```\n````");
    expect(md).toContain("hs merge-back s1");
  });
});


describe("landingMismatches (apply lands exactly what the artifact shows)", () => {
  const blob = (c: string) => c.repeat(40);
  const file = (path: string, status: "A" | "M" | "D" | "R", newBlob: string, oldPath: string | null = null) => ({
    path, status, old_path: oldPath, old_mode: "100644", new_mode: status === "D" ? "000000" : "100644", old_blob: blob("0"), new_blob: newBlob,
  });
  const allow = () => null;
  it.each([
    ["identical", [{ path: "src/a.ts", blob: blob("a"), mode: "100644" }], [file("src/a.ts", "M", blob("a"))], [], 0],
    ["a path the artifact does not list", [{ path: ".GOV/policy.md", blob: blob("b"), mode: "100644" }], [file("src/a.ts", "M", blob("a"))], [], 1],
    ["a different blob under a listed path", [{ path: "src/a.ts", blob: blob("c"), mode: "100644" }], [file("src/a.ts", "M", blob("a"))], [], 1],
    ["a different mode", [{ path: "src/a.ts", blob: blob("a"), mode: "100755" }], [file("src/a.ts", "M", blob("a"))], [], 1],
    ["a deletion the artifact shows", [{ path: "src/a.ts", blob: null, mode: null }], [file("src/a.ts", "D", blob("0"))], [], 0],
    ["a rename as delete + add", [{ path: "src/a.ts", blob: null, mode: null }, { path: "src/b.ts", blob: blob("a"), mode: "100644" }], [file("src/b.ts", "R", blob("a"), "src/a.ts")], [], 0],
    ["a merged path the target also changed", [{ path: "src/a.ts", blob: blob("d"), mode: "100644" }], [file("src/a.ts", "M", blob("a"))], ["src/a.ts"], 0],
  ] as const)("%s", (_name, landed, files, targetChanged, count) => {
    expect(landingMismatches({ landed, artifactFiles: files, targetChanged: new Set(targetChanged), refused: allow })).toHaveLength(count);
  });
  it("refuses a landed path that policy refuses even when the artifact lists it", () => {
    const problems = landingMismatches({ landed: [{ path: ".GOV/x", blob: blob("a"), mode: "100644" }], artifactFiles: [file(".GOV/x", "A", blob("a"))], targetChanged: new Set(), refused: () => "a governance path" });
    expect(problems).toEqual([".GOV/x: a governance path"]);
  });
  it("parses diff-tree -z output", () => {
    expect(parseLanded([`:100644 100644 ${blob("1")} ${blob("2")} M`, "src/a.ts", `:100644 000000 ${blob("1")} ${blob("0")} D`, "src/b.ts"])).toEqual([
      { path: "src/a.ts", blob: blob("2"), mode: "100644" },
      { path: "src/b.ts", blob: null, mode: null },
    ]);
  });
});

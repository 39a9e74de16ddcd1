// Table-driven tests over real `git merge-tree --write-tree -z --messages` output captured from git 2.39
// (regenerate with test/fixtures/merge-tree/capture.sh).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMergeTree } from "../../src/merge/merge-tree-parse.ts";
import { classifyConflicts, type ConflictKind } from "../../src/merge/conflict-kinds.ts";
import { REPO_ROOT } from "../helpers/hs.ts";

const FIXTURES = path.join(REPO_ROOT, "test", "fixtures", "merge-tree");
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

type Sides = "bot" | "b-o" | "b-t" | "-ot" | "--t" | "-o-" | "bo-";
const cases: Array<{ name: string; exit: number; kinds: Record<string, ConflictKind>; sides?: Record<string, Sides>; related?: Record<string, string[]> }> = [
  { name: "clean", exit: 0, kinds: {} },
  { name: "content", exit: 1, kinds: { "f.txt": "content" }, sides: { "f.txt": "bot" } },
  { name: "add-add", exit: 1, kinds: { "new.txt": "add/add" }, sides: { "new.txt": "-ot" } },
  { name: "modify-delete", exit: 1, kinds: { "f.txt": "modify/delete" }, sides: { "f.txt": "bo-" } },
  { name: "delete-modify", exit: 1, kinds: { "f.txt": "modify/delete" }, sides: { "f.txt": "b-t" } },
  { name: "rename-delete", exit: 1, kinds: { "g.txt": "rename/delete" }, related: { "g.txt": ["f.txt"] } },
  { name: "rename-rename", exit: 1, kinds: { "a.txt": "rename/rename", "b.txt": "rename/rename", "f.txt": "rename/rename" }, related: { "f.txt": ["a.txt", "b.txt"] } },
  { name: "directory-file", exit: 1, kinds: { "d~ours": "directory/file" }, sides: { "d~ours": "-o-" }, related: { "d~ours": ["d"] } },
  { name: "binary", exit: 1, kinds: { "b.bin": "binary" }, sides: { "b.bin": "bot" } },
  { name: "submodule", exit: 1, kinds: { sub: "submodule" }, sides: { sub: "bot" } },
  { name: "mode", exit: 1, kinds: { "m.sh": "mode" }, sides: { "m.sh": "-ot" } },
  { name: "distinct-types", exit: 1, kinds: { l: "mode", "l~ours": "mode" }, sides: { l: "--t", "l~ours": "-o-" } },
  { name: "odd-names", exit: 1, kinds: { "sp ace.txt": "content", "tab\tname.txt": "content" } },
];

const sidesOf = (conflict: { base: unknown; ours: unknown; theirs: unknown }): Sides =>
  `${conflict.base ? "b" : "-"}${conflict.ours ? "o" : "-"}${conflict.theirs ? "t" : "-"}` as Sides;

describe("parseMergeTree + classifyConflicts on captured git 2.39 output", () => {
  it.each(cases)("$name", ({ name, exit, kinds, sides, related }) => {
    expect(Number(read(`${name}.exit`).toString().trim())).toBe(exit);
    const full = parseMergeTree(read(`${name}.z`));
    const names = parseMergeTree(read(`${name}.names.z`), { nameOnly: true });
    expect(full.tree).toMatch(/^[0-9a-f]{40}$/);
    expect(names.tree).toBe(full.tree);
    expect([...full.conflictedPaths].sort()).toEqual(Object.keys(kinds).sort());
    expect(names.conflictedPaths).toEqual(full.conflictedPaths);
    expect(names.messages).toEqual(full.messages);
    const classified = Object.fromEntries(classifyConflicts(full).map((conflict) => [conflict.path, conflict]));
    for (const [file, kind] of Object.entries(kinds)) expect(classified[file]?.kind, file).toBe(kind);
    for (const [file, expected] of Object.entries(sides ?? {})) expect(sidesOf(classified[file]!), file).toBe(expected);
    for (const [file, paths] of Object.entries(related ?? {})) expect(classified[file]?.relatedPaths.sort(), file).toEqual(paths);
  });

  it("keeps git's trailing submodule advice as notes instead of misreading it as a message", () => {
    const result = parseMergeTree(read("submodule.z"));
    expect(result.notes).toContain("Recursive merging with submodules");
    expect(result.messages.map((message) => message.type)).toEqual(["CONFLICT (submodule not initialized)", "CONFLICT (contents)"]);
  });

  it("keeps blob ids per stage", () => {
    const [conflict] = classifyConflicts(parseMergeTree(read("content.z")));
    expect(conflict?.base?.oid).toBe("de980441c3ab03a8c07dda1ad27b8a11f39deb1e");
    expect(conflict?.ours?.mode).toBe("100644");
    expect(conflict?.messages).toEqual(["CONFLICT (content): Merge conflict in f.txt"]);
  });

  it("rejects output that is not merge-tree output", () => {
    expect(() => parseMergeTree("fatal: not a tree\n")).toThrow(/tree id/);
    expect(() => parseMergeTree("0123456789012345678901234567890123456789\0garbage\0\0")).toThrow(/conflict entry/);
  });
});

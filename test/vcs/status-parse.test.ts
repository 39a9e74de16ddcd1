// Pure status parsing: porcelain v1 -z (with the --branch header) to the DCC's file list.
import { describe, expect, it } from "vitest";
import { binaryPaths, fileStatus, splitBranchHeader, vcsFiles } from "../../src/vcs/status-parse.ts";

describe("fileStatus", () => {
  it.each([
    ["??", "untracked"], [" M", "modified"], ["M ", "modified"], ["MM", "modified"], ["A ", "added"], ["AM", "added"],
    [" D", "deleted"], ["D ", "deleted"], ["R ", "renamed"], ["RM", "renamed"], [" T", "type_changed"], ["UU", "conflicted"],
    ["AA", "conflicted"], ["DU", "conflicted"],
  ] as const)("%s -> %s", (xy, status) => expect(fileStatus({ index: xy[0], worktree: xy[1] })).toBe(status));
});

describe("splitBranchHeader", () => {
  it.each([
    ["## main\0 M a\0", "main", " M a\0"],
    ["## main...origin/main [ahead 1]\0", "main", ""],
    ["## No commits yet on main\0?? a\0", "main", "?? a\0"],
    ["## HEAD (no branch)\0", null, ""],
    [" M a\0", null, " M a\0"],
  ] as const)("%j", (raw, branch, body) => expect(splitBranchHeader(raw)).toEqual({ branch, body }));
});

describe("vcsFiles", () => {
  it("keeps a rename's old path, the staged column and the binary flag", () => {
    const files = vcsFiles("R  new.md\0old.md\0 M a.bin\0?? u.txt\0", (path) => path === "a.bin");
    expect(files).toEqual([
      { path: "new.md", old_path: "old.md", status: "renamed", staged: true, binary: false },
      { path: "a.bin", status: "modified", staged: false, binary: true },
      { path: "u.txt", status: "untracked", staged: false, binary: false },
    ]);
    expect([...binaryPaths("-\t-\ta.bin\x001\t2\tb.txt\0")]).toEqual(["a.bin"]);
  });
});

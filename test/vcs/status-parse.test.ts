// Pure status parsing: porcelain v2 -z --branch (captured from git 2.39) to the DCC's file list.
import { describe, expect, it } from "vitest";
import { fileStatus, parseStatusV2, vcsFiles } from "../../src/vcs/status-parse.ts";

const OID = "05a94859fc63fbd00a29ac222e370b30a60681c6";
const BLOB = "89d8411abc0d85bc26d58a1bcac3012268ed76d3";
const CAPTURED = [
  `# branch.oid ${OID}`, "# branch.head master",
  `2 RM N... 100644 100644 100644 ${BLOB} ${BLOB} R100 b.txt`, "a.txt",
  `1 .M N... 100644 100644 100644 ${BLOB} ${BLOB} dir/with space.bin`,
  `u UU N... 100644 100644 100644 100644 ${BLOB} ${BLOB} ${BLOB} both.txt`,
  "? sp ace.txt", "",
].join("\0");

describe("fileStatus", () => {
  it.each([
    ["??", "untracked"], [" M", "modified"], ["M ", "modified"], ["MM", "modified"], ["A ", "added"], ["AM", "added"],
    [" D", "deleted"], ["D ", "deleted"], ["R ", "renamed"], ["RM", "renamed"], [" T", "type_changed"], ["UU", "conflicted"],
    ["AA", "conflicted"], ["DU", "conflicted"],
  ] as const)("%s -> %s", (xy, status) => expect(fileStatus({ index: xy.charAt(0), worktree: xy.charAt(1) })).toBe(status));
});

describe("parseStatusV2 + vcsFiles", () => {
  it("reads HEAD, the branch, renames with their old path, spaces in paths, conflicts and untracked files", () => {
    const parsed = parseStatusV2(CAPTURED);
    expect([parsed.head, parsed.branch]).toEqual([OID, "master"]);
    expect(vcsFiles(parsed.entries, (path) => path.endsWith(".bin"))).toEqual([
      { path: "b.txt", old_path: "a.txt", status: "renamed", staged: true, binary: false },
      { path: "dir/with space.bin", status: "modified", staged: false, binary: true },
      { path: "both.txt", status: "conflicted", staged: true, binary: false },
      { path: "sp ace.txt", status: "untracked", staged: false, binary: false },
    ]);
  });

  it("has no HEAD before the first commit and no branch when detached", () => {
    expect(parseStatusV2("# branch.oid (initial)\0# branch.head main\0")).toEqual({ head: null, branch: "main", entries: [] });
    expect(parseStatusV2(`# branch.oid ${OID}\0# branch.head (detached)\0`)).toEqual({ head: OID, branch: null, entries: [] });
  });
});

// The main checkout's dirty files only matter where a session has the same path dirty, so the radar asks git about
// those paths alone (literal pathspecs). The overlaps must be the ones a full status would give.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeMergeWorkspace, type MergeWorkspace } from "./workspace.ts";
import { plainRelative } from "../../src/merge/radar-dirty.ts";

let ws: MergeWorkspace;
afterEach(() => ws?.cleanup());

describe("plainRelative (pure)", () => {
  it.each([
    ["src/a.ts", true],
    ["dir/", true],
    ["we*ird [x].ts", true],
    ["", false],
    ["/etc/passwd", false],
    ["../x", false],
    ["a/../../x", false],
    ["./a", false],
    ["a//b", false],
    ["dir//", false],
  ] as const)("%j -> %s", (file, expected) => {
    expect(plainRelative(file)).toBe(expected);
  });
});

describe("the main checkout in dirty_overlaps", () => {
  it("lists a path dirty in main and in a session, literally (no glob matching), and nothing dirty in main alone", () => {
    ws = makeMergeWorkspace();
    const a = ws.session("a");
    for (const file of ["src/we*ird.ts", "src/app.ts", "src/new/deep.ts"]) {
      fs.mkdirSync(path.dirname(path.join(a, file)), { recursive: true });
      fs.writeFileSync(path.join(a, file), "a\n");
    }
    // main: the same glob-looking name, a name the glob would match, a modified tracked file, an untracked folder
    ws.repo.write("src/we*ird.ts", "main\n");
    ws.repo.write("src/weXird.ts", "main\n");
    ws.repo.write("src/app.ts", "main\n");
    ws.repo.write("docs/only-main.md", "main\n");
    const result = ws.hs(["conflicts", "--json"]);
    expect(result.code, result.stderr).toBe(0);
    const overlaps = result.json().dirty_overlaps as Array<{ path: string; worktrees: string[] }>;
    expect(overlaps).toEqual([
      { path: "src/app.ts", worktrees: ["(main worktree)", "a"] },
      { path: "src/we*ird.ts", worktrees: ["(main worktree)", "a"] },
    ]);
  }, 120_000);
});

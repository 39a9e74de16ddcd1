// Paths from a session are resolved with realpath before containment is decided (class 4 of issue 8).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contains, realContains, realResolve } from "../../src/ops/paths.ts";

describe("contains (lexical, segment-aware)", () => {
  it.each([
    ["/a/b", "/a/b", true],
    ["/a/b", "/a/b/c", true],
    ["/a/b", "/a/bc", false],
    ["/a/b", "/a", false],
    ["/a/b", "/a/b/../c", false],
    ["/a/b", "/a/b/..foo", true],
    ["/", "/x", true],
  ])("%s contains %s: %s", (parent, child, expected) => expect(contains(parent, child)).toBe(expected));
});

describe("realResolve / realContains on a real tree", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "hs-paths-")));
    for (const folder of ["main-repo/src", "wts/s1/src", "wts/s2"]) fs.mkdirSync(path.join(dir, folder), { recursive: true });
    fs.symlinkSync(path.join(dir, "main-repo"), path.join(dir, "wts/s1/to-main"));
    fs.symlinkSync(path.join(dir, "wts/s2"), path.join(dir, "wts/s1/src/peer"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["the worktree itself", "wts/s1", true],
    ["a folder inside", "wts/s1/src", true],
    ["a file that does not exist yet", "wts/s1/src/new/file.ts", true],
    ["../../main-repo by string prefix", "wts/s1/../../main-repo", false],
    ["a symlink to the main checkout", "wts/s1/to-main", false],
    ["a path through that symlink", "wts/s1/to-main/src", false],
    ["a nested symlink to another session", "wts/s1/src/peer", false],
    // lexically wts/s1/main-repo (inside); physically to-main/.. is the temp dir, so this is the main checkout
    ["`..` after a symlink is physical", "wts/s1/to-main/../main-repo", false],
    ["a sibling with a shared prefix", "wts/s10", false],
  ])("%s", (_name, relative, inside) => {
    const worktree = path.join(dir, "wts/s1");
    expect(realContains(worktree, `${dir}/${relative}`)).toBe(inside);
  });

  it("resolves the physical path of an existing target and keeps a missing tail", () => {
    expect(realResolve(`${dir}/wts/s1/to-main/src`)).toBe(path.join(dir, "main-repo/src"));
    expect(realResolve(`${dir}/wts/s1/to-main/nope/x`)).toBe(path.join(dir, "main-repo/nope/x"));
    expect(realResolve("src", `${dir}/wts/s1`)).toBe(path.join(dir, "wts/s1/src"));
  });
});

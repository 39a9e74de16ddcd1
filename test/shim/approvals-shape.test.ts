// What a standing grant covers: the approved command's rule(s), subcommand, options and paths, never wider.
import { describe, expect, it } from "vitest";
import { coverText, shapeOf, uncovered } from "../../src/shim/approvals/shape.ts";

const W = "/w/s1";
const shape = (argv: string, paths: string[] = [], extra: { sub?: string; rules?: string[]; cwd?: string } = {}) => {
  const words = argv.split(" ");
  return shapeOf({
    tool: words[0] === "rm" ? "rm" : "git",
    argv: words,
    subcommand: extra.sub,
    rules: extra.rules ?? ["r"],
    paths: paths.map((p) => `${W}/${p}`),
    cwd: extra.cwd ?? W,
    worktree: W,
  });
};

describe("shapeOf", () => {
  it("splits short clusters, keeps long options whole, names aliases and globals, relativises paths", () => {
    expect(shape("git clean -fdx")).toMatchObject({ sub: "clean", flags: ["--force", "-d", "-x"], paths: [""] });
    expect(shape("git clean -f -- src/junk.tmp", ["src/junk.tmp"])).toMatchObject({ flags: ["--force"], operands: [], paths: ["src/junk.tmp"] });
    expect(shape("git commit --no-verify -m msg")).toMatchObject({ flags: ["--message", "--no-verify"], operands: [] });
    expect(shape("git reset --hard HEAD~1")).toMatchObject({ flags: ["--hard"], operands: ["HEAD~1"] });
    expect(shape("git -c core.pager=cat -C src push --force-with-lease=main:abc")).toMatchObject({
      sub: "push", globals: ["-C src", "-c core.pager=cat"], flags: ["--force-with-lease"],
    });
    expect(shape("git cl", [], { sub: "clean" })).toMatchObject({ sub: "clean", globals: ["alias cl"] });
    expect(shape("git clean -f", [], { cwd: `${W}/src` }).paths).toEqual(["src"]);
    expect(shape("rm -rf build", ["build"])).toMatchObject({ tool: "rm", sub: "rm", flags: ["-f", "-r"], paths: ["build"] });
  });
});

describe("uncovered (grant from the first command, later command second)", () => {
  it.each([
    ["git clean -f -- src/junk.tmp", ["src/junk.tmp"], "git clean -f -- src/junk.tmp", ["src/junk.tmp"], null],
    ["git clean -f -- src/junk.tmp", ["src/junk.tmp"], "git clean -fdx", [], "an added option (-d)"],
    ["git clean -f -- src/junk.tmp", ["src/junk.tmp"], "git clean --force -- src/junk.tmp", ["src/junk.tmp"], null],
    ["git reset --hard", [], "git reset --hard HEAD~1", [], "another operand (HEAD~1)"],
    ["git reset -q --hard", [], "git reset --hard", [], null],
    ["git clean -f -- src/junk.tmp", ["src/junk.tmp"], "git clean -f", [], "a path outside the approved ones (the whole worktree)"],
    ["git clean -f -- src/junk.tmp", ["src/junk.tmp"], "git clean -f -- src/junk.tmpx", ["src/junk.tmpx"], "a path outside the approved ones (src/junk.tmpx)"],
    ["git clean -f -- src", ["src"], "git clean -f -- src/a/b.tmp", ["src/a/b.tmp"], null],
    ["git clean -fdx", [], "git clean -f -- src/x", ["src/x"], null],
    ["git commit --no-verify -m one", [], "git commit --no-verify -m two", [], null],
    ["git commit --no-verify -m one", [], "git commit --no-verify --amend -m two", [], "an added option (--amend)"],
    ["git commit --no-verify -m one", [], "git -c core.fsmonitor=./evil commit --no-verify -m two", [], "an added option (-c core.fsmonitor=./evil)"],
    ["git reset --hard", [], "git push --force", [], "a different command (git push)"],
    ["rm -r build", ["build"], "rm -rf build", ["build"], "an added option (-f)"],
    ["rm -rf build", ["build"], "rm -r build/x", ["build/x"], null],
  ])("%s (%j) then %s (%j)", (granted, grantedPaths, later, laterPaths, why) => {
    expect(uncovered(shape(granted, grantedPaths as string[]), shape(later, laterPaths as string[]))).toBe(why);
  });

  it("a command with a second asking rule is not covered by a grant of the first", () => {
    const granted = shape("git commit --no-verify", [], { rules: ["git.hooks.bypass"] });
    const later = shape("git commit --no-verify", [], { rules: ["git.hooks.bypass", "git.env.command"] });
    expect(uncovered(granted, later)).toBe("another rule (git.env.command)");
  });

  it("states what it covers in one line", () => {
    expect(coverText(shape("git clean -f -- src/junk.tmp", ["src/junk.tmp"], { rules: ["git.clean"] }))).toBe(
      "git clean with at most --force, paths within src/junk.tmp (rule git.clean)",
    );
  });
});

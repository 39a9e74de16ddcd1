import { describe, expect, it } from "vitest";
import { commandNeutralizers, hardenSubcommand, headIsSessions } from "../../src/git/index.ts";
import { gitlinkPaths } from "../../src/merge/nested.ts";

describe("commandNeutralizers", () => {
  it.each([
    ["filter.evil.clean", true],
    ["filter.evil.smudge", true],
    ["filter.lfs.process", true],
    ["diff.pdf.textconv", true],
    ["diff.x.command", true],
    ["merge.ours.driver", true],
    ["credential.helper", true],
    ["gpg.program", true],
    ["gpg.ssh.program", true],
    ["core.editor", true],
    ["core.askpass", true],
    ["core.gitproxy", true],
    ["core.alternaterefscommand", true],
    ["uploadpack.packobjectshook", true],
    ["remote.origin.uploadpack", true],
    ["interactive.difffilter", true],
    ["mergetool.x.cmd", true],
    ["difftool.x.path", true],
    ["core.fsmonitor", false], // the fixed list sets it to false
    ["core.hookspath", false],
    ["include.path", false],
    ["includeif.gitdir:/x/.path", false],
    ["user.name", false],
    ["core.bare", false],
    ["filter.has space.clean", false], // cannot be spelled safely on a -c; git refuses such names anyway
  ])("%s -> neutralised: %s", (name, expected) => {
    expect(commandNeutralizers([name]).length > 0).toBe(expected);
  });

  it("keeps the subsection's case and sets an empty value once", () => {
    expect(commandNeutralizers(["filter.Evil.clean", "filter.Evil.clean", ""])).toEqual(["-c", "filter.Evil.clean=", "-c", "filter.Evil.required=false"]);
  });
});

describe("hardenSubcommand", () => {
  it.each([
    [["status", "-z"], ["status", "--ignore-submodules=all", "-z"]],
    [["diff", "a", "b"], ["diff", "--no-ext-diff", "--no-textconv", "--ignore-submodules=all", "a", "b"]],
    [["log", "-p"], ["log", "--no-ext-diff", "--no-textconv", "-p"]],
    [["rev-parse", "HEAD"], ["rev-parse", "HEAD"]],
    [[], []],
  ])("%j -> %j", (args, expected) => expect(hardenSubcommand(args)).toEqual(expected));
});

describe("headIsSessions", () => {
  const oid = "a".repeat(40);
  it.each([
    ["ref: refs/heads/hs/s1/work\n", true],
    ["ref: refs/heads/hs/s1/feature/x\n", true],
    [`${oid}\n`, true],
    ["ref: refs/heads/main\n", false],
    ["ref: refs/heads/hs/s2/work\n", false],
    ["ref: refs/heads/hs/s1/../../main\n", false],
    ["ref: refs/heads/hs/s1/work\nref: refs/heads/main\n", false],
    ["ref: refs/remotes/origin/main\n", false],
    ["garbage", false],
  ])("%j -> %s", (content, expected) => expect(headIsSessions(content, "s1")).toBe(expected));
});

describe("gitlinkPaths", () => {
  it("keeps mode 160000 entries only", () => {
    expect(gitlinkPaths([`160000 ${"b".repeat(40)} 0\tvendor/lib`, `100644 ${"c".repeat(40)} 0\tsrc/a.ts`])).toEqual(["vendor/lib"]);
  });
});

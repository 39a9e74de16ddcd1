// The parse-options model, one line per behaviour git 2.39 shows (verified with real git).
import { describe, expect, it } from "vitest";
import { flag, parseArgs, resolveLong, values } from "../../../src/shim/policy/options.ts";
import { parseRm } from "../../../src/shim/policy/rm.ts";
import { splitCmdline } from "../../../src/shim/policy/alias.ts";
import { parsePathspec } from "../../../src/shim/policy/pathspec.ts";
import { parseConfigParameters } from "../../../src/shim/policy/git-env.ts";
import { GIT_OPTIONS } from "../../../src/shim/policy/tables/git-options.ts";

const t = (sub: string) => GIT_OPTIONS[sub] as NonNullable<(typeof GIT_OPTIONS)[string]>;
const name = (sub: string, typed: string) => {
  const r = resolveLong(t(sub), typed);
  return typeof r === "object" ? `${r.negated ? "!" : ""}${r.name}` : String(r);
};

describe("long option prefixes", () => {
  it.each([
    ["reset", "h", "hard"], ["reset", "har", "hard"], ["clean", "forc", "force"], ["clean", "dr", "dry-run"],
    ["push", "del", "delete"], ["push", "d", "ambiguous"], ["push", "fo", "ambiguous"], ["push", "force-w", "force-with-lease"],
    ["commit", "no-veri", "no-verify"], ["commit", "no-ver", "ambiguous"], ["commit", "verify", "verify"],
    ["merge", "no-veri", "ambiguous"], ["branch", "fo", "ambiguous"], ["branch", "forc", "force"],
    ["restore", "sta", "staged"], ["restore", "s", "ambiguous"], ["restore", "wor", "worktree"],
    ["checkout", "f", "force"], ["commit", "allow-empty", "allow-empty"], ["pull", "no-rebase", "!rebase"],
    ["commit", "no-no-verify", "!no-verify"], ["commit", "bogus", "undefined"],
  ])("%s --%s -> %s", (sub, typed, want) => expect(name(sub, typed)).toBe(want));
});

describe("short bundles and values", () => {
  it("commit -mn is message n", () => expect(values(parseArgs(["-mn"], t("commit")), "message")).toEqual(["n"]));
  it("commit -nm x is no-verify + message x", () => {
    const p = parseArgs(["-nm", "x"], t("commit"));
    expect([flag(p, "verify"), values(p, "message")]).toEqual([false, ["x"]]);
  });
  it("commit -m -n keeps -n as the message", () => expect(flag(parseArgs(["-m", "-n"], t("commit")), "verify")).toBeUndefined());
  it("push -uf sets force", () => expect(flag(parseArgs(["-uf"], t("push")), "force")).toBe(true));
  it("options after operands count", () => expect(flag(parseArgs(["origin", "x", "-f"], t("push")), "force")).toBe(true));
  it("-- ends options", () => expect(parseArgs(["--", "-f"], t("push"))).toMatchObject({ operands: ["-f"], dashdash: 0 }));
  it("a value-less long option with =value is a problem", () => expect(parseArgs(["--hard=x"], t("reset")).problems).toEqual(["--hard=x"]));
  it("last of --dry-run/--no-dry-run wins", () => expect(flag(parseArgs(["-n", "--no-dry-run"], t("clean")), "dry-run")).toBe(false));
});

describe("rm options (GNU getopt_long)", () => {
  it.each([
    [["-rf", "x"], ["force", "recursive"], ["x"]],
    [["--recu", "--forc", "x"], ["force", "recursive"], ["x"]],
    [["x", "-rf"], ["force", "recursive"], ["x"]],
    [["--", "-rf"], [], ["-rf"]],
    [["--interactive=never", "x"], ["interactive"], ["x"]],
  ])("%j", (args, opts, operands) => {
    const p = parseRm(args, false);
    expect([[...p.options].sort(), p.operands, p.problems]).toEqual([opts, operands, []]);
  });
  it("POSIXLY_CORRECT stops at the first operand", () => expect(parseRm(["x", "-rf"], true).operands).toEqual(["x", "-rf"]));
  it("--v is ambiguous (verbose, version)", () => expect(parseRm(["--v"], false).problems).toEqual(["--v"]));
});

describe("alias split_cmdline", () => {
  it.each([
    ["reset --hard", ["reset", "--hard"]], [`commit -m 'a b'`, ["commit", "-m", "a b"]], [`x "a\\"b"`, ["x", 'a"b']],
    ["a\\ b", ["a b"]], ["'unterminated", null],
  ])("%s", (text, want) => expect(splitCmdline(text)).toEqual(want));
});

describe("pathspec magic", () => {
  it.each([
    [":/src", "/w/src", false], [":(top)src", "/w/src", false], [":!src", "/w/d/src", true], [":^src", "/w/d/src", true],
    [":(exclude,top)x", "/w/x", true], [":(glob)src/**/x", "/w/d/src", false], ["a/*.ts", "/w/d/a", false], [":/", "/w", false],
    [":(literal)a*", "/w/d/a*", false], [":src", "/w/d/src", false],
  ])("%s", (spec, abs, exclude) => expect(parsePathspec(spec, "/w/d", "/w")).toMatchObject({ abs, exclude }));
});

describe("GIT_CONFIG_PARAMETERS", () => {
  it.each([
    ["'core.hookspath'='/dev/null'", [{ key: "core.hookspath", value: "/dev/null" }]],
    ["'core.hooksPath=/x' 'a.b'", [{ key: "core.hooksPath", value: "/x" }, { key: "a.b" }]],
    ["'it'\\''s'='v'", [{ key: "it's", value: "v" }]],
    ["core.hookspath=x", null],
  ])("%s", (text, want) => {
    const got = parseConfigParameters(text);
    expect(got === null ? null : got.map(({ key, value }) => (value === undefined ? { key } : { key, value }))).toEqual(want);
  });
});

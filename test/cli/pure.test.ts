// Pure pieces of the CLI: did-you-mean, help keys, colour decisions, terminal-safe text, FR payload lines,
// and the parsers behind hs session status/diff.
import { describe, expect, test } from "vitest";
import { closest, editDistance } from "../../src/cli/suggest.ts";
import { corrected, helpKey, quoteArg } from "../../src/cli/help.ts";
import { colourWanted } from "../../src/cli/colour.ts";
import { terminalSafe } from "../../src/cli/terminal-safe.ts";
import { payloadText } from "../../src/cli/fr-line.ts";
import { progress, setProgressSink } from "../../src/progress.ts";
import { parseDiffZ, parseStatusZ } from "../../src/sessions/worktree-report.ts";

describe("did you mean", () => {
  test.each([
    ["sesion", "session"],
    ["sessoin", "session"],
    ["merge", "merge-back"],
    ["aprove", "approve"],
    ["approvls", "approvals"],
    ["lcok", "lock"],
    ["conflict", "conflicts"],
    ["zzz", undefined],
    ["x", undefined],
  ])("%s -> %s", (word, expected) => {
    expect(closest(word, ["session", "merge-back", "approve", "approvals", "lock", "log", "conflicts", "init"])).toBe(expected);
  });

  test.each([
    ["kitten", "sitting", 3],
    ["ab", "ba", 1],
    ["", "abc", 3],
    ["same", "same", 0],
  ])("editDistance(%s, %s) = %i", (a, b, d) => expect(editDistance(a, b)).toBe(d));

  test.each([
    [["sesion", "list", "--json"], ["session", "list", "--json"]],
    [["session", "creat", "--scope", "src/**"], ["session", "create", "--scope", "src/**"]],
    [["sesion", "lsit"], ["session", "list"]],
    [["log", "verfy"], ["log", "verify"]],
    [["lock", "nonsense-word"], undefined],
    [["qqqq"], undefined],
  ])("corrected(%j) = %j", (argv, expected) => expect(corrected(argv)).toEqual(expected));

  test("hints are pasteable", () => {
    expect(["src/**", "a b", "it's", "plain-1.0"].map(quoteArg)).toEqual(["'src/**'", "'a b'", `'it'\\''s'`, "plain-1.0"]);
  });
});

test.each([
  ["hs lock release <lock-id>", "lock release"],
  ["hs session run <id> [--detach] -- CMD…", "session run"],
  ["hs check [--json] [--session ID] -- git|rm ARGS…", "check"],
  ["hs log", "log"],
  ["hs merge-back <id>", "merge-back"],
  ["hs grants revoke <id>", "grants revoke"],
])("helpKey(%s) = %s", (scriptName, key) => expect(helpKey(scriptName)).toBe(key));

describe("colour", () => {
  const tty = { isTTY: true, env: {}, argv: ["session", "list"] };
  test.each([
    ["a terminal", tty, true],
    ["a pipe", { ...tty, isTTY: false }, false],
    ["NO_COLOR=1", { ...tty, env: { NO_COLOR: "1" } }, false],
    ["NO_COLOR empty (ignored, as no-color.org says)", { ...tty, env: { NO_COLOR: "" } }, true],
    ["TERM=dumb", { ...tty, env: { TERM: "dumb" } }, false],
    ["--no-color", { ...tty, argv: ["session", "list", "--no-color"] }, false],
    ["--json", { ...tty, argv: ["session", "list", "--json"] }, false],
    ["--json only inside the carried command", { ...tty, argv: ["session", "run", "a", "--", "x", "--json"] }, true],
  ])("%s", (_, context, expected) => expect(colourWanted(context)).toBe(expected));
});

test.each([
  ["plain\ntext\n", "plain\ntext\n"],
  ["\x1b[31mred\x1b[0m", "\x1b[31mred\x1b[0m"],
  ["title\x1b]0;pwned\x07!", "title!"],
  ["clip\x1b]52;c;ZWNobyBoaQ==\x1b\\!", "clip!"],
  ["up\x1b[2Aover", "upover"],
  ["rm -rf /\rls", "rm -rf /\nls"],
  ["crlf\r\n", "crlf\r\n"],
  ["bell\x07 nul\x00 csi\u009b", "bell\\x07 nul\\x00 csi\\x9b"],
])("terminalSafe(%j)", (input, expected) => expect(terminalSafe(input)).toBe(expected));

test.each([
  [{}, ""],
  [{ request_id: `req-${"a".repeat(120)}` }, `request_id=req-${"a".repeat(120)}`],
  [{ note: "x".repeat(100) }, `note=${"x".repeat(77)}...`],
  [{ argv: ["git", "reset", "--hard"], session_id: "cart" }, `argv=["git","reset","--hard"] session_id=cart`],
])("payloadText(%j)", (payload, expected) => expect(payloadText(payload)).toBe(expected));

test("progress shows the innermost operation, then the outer one again, then clears", () => {
  const shown: Array<string | null> = [];
  setProgressSink((line) => shown.push(line));
  try {
    const outer = progress("merge-back cart");
    const inner = progress("git worktree add");
    inner.step("checkout");
    outer.step("patch");
    inner.done();
    outer.done();
    outer.done();
  } finally {
    setProgressSink(undefined);
  }
  expect(shown).toEqual(["merge-back cart ...", "git worktree add ...", "git worktree add: checkout ...", "merge-back cart: patch ...", null]);
});

test("status and diff -z output parse, including renames, spaces and binary files", () => {
  expect(parseStatusZ(" M src/a b.ts\0R  new.ts\0old.ts\0?? notes.txt\0")).toEqual([
    { path: "src/a b.ts", index: " ", worktree: "M", from: null },
    { path: "new.ts", index: "R", worktree: " ", from: "old.ts" },
    { path: "notes.txt", index: "?", worktree: "?", from: null },
  ]);
  expect(parseDiffZ("M\0src/a.ts\0A\0img.png\0", "3\t1\tsrc/a.ts\0-\t-\timg.png\0")).toEqual([
    { status: "M", path: "src/a.ts", added: 3, deleted: 1 },
    { status: "A", path: "img.png", added: null, deleted: null },
  ]);
});

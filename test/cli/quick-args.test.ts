// The yargs-free parse of hot commands must give yargs's answer for every spelling it accepts, and hand every
// other spelling to yargs (null), so errors and edge cases are unchanged.
import { describe, expect, test } from "vitest";
import { quickParse } from "../../src/cli/quick-args.ts";
import { MERGE_BACK_ARGS, parseWithYargs as mergeBackYargs } from "../../src/cli/commands/merge-back.ts";
import { RUN_ARGS, parseWithYargs as runYargs } from "../../src/cli/commands/session/run.ts";
import { CONFLICTS_ARGS, parseWithYargs as conflictsYargs } from "../../src/cli/commands/conflicts.ts";

const pick = (args: Record<string, unknown> | undefined, keys: string[]) =>
  args && Object.fromEntries([["_", (args._ as unknown[]).map(String)], ...keys.map((key) => [key, args[key]])]);

describe("merge-back options without yargs", () => {
  const keys = ["into", "strategy", "apply", "json"];
  test.each([
    [["cart"]],
    [["cart", "--json"]],
    [["--json", "cart"]],
    [["cart", "--apply", "--strategy", "squash"]],
    [["cart", "--into", "release/1.2", "--json"]],
    [["cart", "--apply", "--strategy", "ff", "--into", "main", "--json"]],
  ])("%j reads as yargs reads it", async (argv) => {
    const quick = quickParse(argv, MERGE_BACK_ARGS);
    expect(quick).not.toBeNull();
    expect(pick(quick!, keys)).toEqual(pick(await mergeBackYargs(argv), keys));
  });

  test.each([
    [[]],
    [["a", "b"]],
    [["cart", "--json", "--json"]],
    [["cart", "--into=main"]],
    [["cart", "--strategy", "rebase"]],
    [["cart", "--strategy"]],
    [["cart", "--into", "--json"]],
    [["cart", "--bogus"]],
    [["cart", "-h"]],
    [["cart", "--help"]],
    [["cart", "--no-json"]],
    [["007"]],
    [["1e3", "--json"]],
    [["cart", "--into", "42"]],
  ])("%j is left to yargs", (argv) => {
    expect(quickParse(argv, MERGE_BACK_ARGS)).toBeNull();
  });
});

describe("session run options without yargs", () => {
  const keys = ["detach", "json"];
  test.each([[["s1"]], [["s1", "--detach"]], [["s1", "--detach", "--json"]], [["--json", "s1"]]])("%j reads as yargs reads it", async (argv) => {
    const quick = quickParse(argv, RUN_ARGS);
    expect(quick).not.toBeNull();
    expect(pick(quick!, keys)).toEqual(pick(await runYargs(argv), keys));
  });

  test.each([[[]], [["s1", "s2"]], [["s1", "-d"]], [["s1", "--detach=true"]], [["s1", "--timeout", "5"]]])("%j is left to yargs", (argv) => {
    expect(quickParse(argv, RUN_ARGS)).toBeNull();
  });
});

describe("conflicts options without yargs", () => {
  const asYargs = (args: { json: boolean; dirty: boolean } | undefined) => args && { json: args.json, dirty: args.dirty };
  test.each([[[]], [["--json"]], [["--no-dirty"]], [["--json", "--no-dirty"]], [["--no-dirty", "--json"]]])("%j reads as yargs reads it", async (argv) => {
    const quick = quickParse(argv, CONFLICTS_ARGS);
    expect(quick).not.toBeNull();
    expect({ json: quick!.json === true, dirty: quick!["no-dirty"] !== true }).toEqual(asYargs(await conflictsYargs(argv)));
  });

  test.each([[["x"]], [["--dirty"]], [["--json", "--json"]], [["--no-json"]], [["--json=true"]], [["-h"]], [["--bogus"]]])("%j is left to yargs", (argv) => {
    expect(quickParse(argv, CONFLICTS_ARGS)).toBeNull();
  });
});

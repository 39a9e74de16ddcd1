// The radar's batched diff-tree: the same answer as one diff-tree per pair, and no answer at all (null, so the
// caller diffs pair by pair) when git skipped or could not read any pair.
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { splitStdinDiff, treeDiffBatch } from "../../src/git/tree-diffs.ts";
import { headTreeDiff } from "../../src/git/object-import.ts";
import { makeTempRepo, type TempRepo } from "../helpers/repo.ts";

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

const meta = (oid: string) => `:100644 100644 ${"1".repeat(40)} ${oid} M`;

describe("splitStdinDiff (pure)", () => {
  it.each([
    ["", []],
    [`h1\0`, [{ header: "h1", body: "" }]],
    [`h1\0${meta("a".repeat(40))}\0src/x\0h2\0`, [{ header: "h1", body: `${meta("a".repeat(40))}\0src/x` }, { header: "h2", body: "" }]],
    // a path that looks like a header is still a path: it follows a raw entry
    [`h1\0${meta("b".repeat(40))}\0h2\0h3\0`, [{ header: "h1", body: `${meta("b".repeat(40))}\0h2` }, { header: "h3", body: "" }]],
  ] as const)("%j", (stdout, expected) => {
    expect(splitStdinDiff(stdout)).toEqual(expected);
  });
});

describe("treeDiffBatch", () => {
  it("answers like headTreeDiff for each pair, and null when a head is unknown or a base unreadable", async () => {
    repo = makeTempRepo();
    const common = path.join(repo.root, ".git");
    const rev = (ref: string) => repo!.git(["rev-parse", ref]).stdout.trim();
    const base = rev("HEAD");
    repo.write("src/app.ts", "changed\n");
    repo.write("src/new.ts", "new\n");
    repo.git(["add", "-A"]);
    repo.git(["commit", "-qm", "one"]);
    const one = rev("HEAD");
    repo.git(["rm", "-q", "docs/guide.md"]);
    repo.git(["commit", "-qm", "two"]);
    const two = rev("HEAD");
    const pairs = [{ base, head: one }, { base, head: two }, { base: one, head: two }, { base: two, head: two }];
    const batch = await treeDiffBatch(common, pairs);
    const single = await Promise.all(pairs.map((pair) => headTreeDiff(common, pair.base, pair.head)));
    expect(batch).toEqual(single);
    expect(batch!.map((diff) => diff.paths)).toEqual([["src/app.ts", "src/new.ts"], ["docs/guide.md", "src/app.ts", "src/new.ts"], ["docs/guide.md"], []]);
    const unknown = "0123456789abcdef0123456789abcdef01234567";
    expect(await treeDiffBatch(common, [{ base, head: one }, { base, head: unknown }])).toBeNull();
    expect(await treeDiffBatch(common, [{ base: unknown, head: one }])).toBeNull();
    expect(await treeDiffBatch(common, [{ base, head: "main" }])).toBeNull();
    expect(await treeDiffBatch(common, [])).toEqual([]);
  });
});

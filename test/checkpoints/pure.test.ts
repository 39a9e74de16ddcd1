// Pure checkpoint logic: tree serialisation (checked against git itself), listing parse, restore plans,
// changed paths, thinning candidates, the scheduler's debounce.
import { describe, expect, it, vi, afterEach } from "vitest";
import { makeTempRepo } from "../helpers/repo.ts";
import { ancestorFolders, buildTree, type TreeEntry } from "../../src/checkpoints/tree.ts";
import { objectId } from "../../src/checkpoints/objects.ts";
import { parseListing } from "../../src/checkpoints/listing.ts";
import { planRestore } from "../../src/checkpoints/restore.ts";
import { changedPaths } from "../../src/checkpoints/meta.ts";
import { thinningCandidates, soleCopies } from "../../src/checkpoints/thin.ts";
import { checkpointScheduler } from "../../src/checkpoints/scheduler.ts";
import type { CheckpointMeta } from "../../src/checkpoints/meta.ts";

const blob = (text: string) => objectId("blob", Buffer.from(text));

describe("buildTree", () => {
  it("produces the root id git write-tree produces for the same entries (git's order: a folder sorts as name + '/')", () => {
    const repo = makeTempRepo({ commit: false });
    try {
      const entries: TreeEntry[] = [
        { path: "a.b", mode: "100644", oid: blob("1") },
        { path: "a/x", mode: "100755", oid: blob("2") },
        { path: "a-c", mode: "120000", oid: blob("target") },
        { path: "z/y/w", mode: "100644", oid: blob("3") },
        { path: "sub", mode: "160000", oid: blob("gitlink") },
      ];
      const root = buildTree(entries, (content) => objectId("tree", content));
      const info = entries.map((entry) => `${entry.mode} ${entry.oid}\t${entry.path}`).join("\n") + "\n";
      repo.git(["update-index", "--add", "--index-info"], { input: info });
      expect(repo.git(["write-tree", "--missing-ok"]).stdout.trim()).toBe(root);
    } finally {
      repo.cleanup();
    }
  });
});

describe("buildTree with reuse", () => {
  it("gives the same ids as a full build after random edits, adds and removals", () => {
    const write = (content: Buffer) => objectId("tree", content);
    let entries: TreeEntry[] = Array.from({ length: 60 }, (_, i) => ({ path: `d${i % 4}/s${i % 3}/f${i}`, mode: "100644", oid: blob(String(i)) }));
    let previous: Record<string, string> = {};
    buildTree(entries, write, { previous: {}, dirty: new Set([""]), out: previous });
    for (let round = 0; round < 30; round++) {
      const before = new Map(entries.map((entry) => [entry.path, entry]));
      const next = entries.filter((_, i) => (i + round) % 17 !== 0).map((entry, i) => (i % 7 === round % 7 ? { ...entry, oid: blob(`${entry.path}${round}`) } : entry));
      next.push({ path: `d${round % 5}/new${round}`, mode: "100755", oid: blob(`n${round}`) });
      const changed = next.filter((entry) => before.get(entry.path)?.oid !== entry.oid || before.get(entry.path)?.mode !== entry.mode).map((entry) => entry.path);
      const gone = entries.filter((entry) => !next.some((other) => other.path === entry.path)).map((entry) => entry.path);
      const out: Record<string, string> = {};
      const reused = buildTree(next, write, { previous, dirty: ancestorFolders([...changed, ...gone]), out });
      expect(reused).toBe(buildTree(next, write));
      previous = out;
      entries = next;
    }
  });
});

describe("parseListing", () => {
  it("splits untracked paths from staged entries and drops nested repositories", () => {
    const oid = "78981922613b2afb6025042ff6bd878ac1994e85";
    const out = parseListing(["b", "n/", `100644 ${oid} 0\ta`, `100644 ${oid} 2\tc`, ""]);
    expect(out.paths).toEqual(["a", "b", "c"]);
    expect(out.staged).toEqual([{ mode: "100644", oid, path: "a" }]);
  });
});

describe("planRestore", () => {
  const e = (path: string, text: string, mode = "100644"): TreeEntry => ({ path, mode, oid: blob(text) });
  it.each([
    { globs: [], write: ["src/a.ts", "src/gone.ts"], remove: ["src/new.ts"] },
    { globs: ["src/gone.ts"], write: ["src/gone.ts"], remove: [] },
    { globs: ["src"], write: ["src/a.ts", "src/gone.ts"], remove: ["src/new.ts"] },
    { globs: ["docs/**"], write: [], remove: [] },
  ])("globs $globs", ({ globs, write, remove }) => {
    const checkpoint = [e("src/a.ts", "old"), e("src/gone.ts", "g"), e("README.md", "r")];
    const current = [e("src/a.ts", "new"), e("src/new.ts", "n"), e("README.md", "r")];
    const plan = planRestore(checkpoint, current, globs);
    expect(plan.write.map((entry) => entry.path).sort()).toEqual(write);
    expect(plan.remove.sort()).toEqual(remove);
  });
});

describe("changedPaths", () => {
  it("lists added, modified, mode-changed and removed paths", () => {
    const previous = { a: `100644 ${blob("a")}`, b: `100644 ${blob("b")}`, c: `100644 ${blob("c")}` };
    const now: TreeEntry[] = [
      { path: "a", mode: "100644", oid: blob("a") },
      { path: "b", mode: "100755", oid: blob("b") },
      { path: "d", mode: "100644", oid: blob("d") },
    ];
    expect(changedPaths(previous, now)).toEqual({ count: 3, paths: ["b", "c", "d"] });
  });
});

describe("thinning", () => {
  const meta = (n: number) => ({ n }) as CheckpointMeta;
  it.each([
    { count: 5, keep: 2, candidates: [1, 2, 3] },
    { count: 2, keep: 5, candidates: [] },
    { count: 3, keep: 0, candidates: [1, 2] }, // the newest always stays
  ])("$count checkpoints, keep $keep", ({ count, keep, candidates }) => {
    const list = Array.from({ length: count }, (_, index) => meta(index + 1));
    expect(thinningCandidates(list, keep).map((m) => m.n)).toEqual(candidates);
  });
  it("a blob nothing else reaches is a sole copy", () => {
    expect(soleCopies(["a", "b"], new Set(["a"]))).toEqual(["b"]);
    expect(soleCopies(["a"], new Set(["a"]))).toEqual([]);
  });
});

describe("checkpointScheduler", () => {
  afterEach(() => vi.useRealTimers());
  it("checkpoints before every command, once per burst after the quiet time, at most once per interval", () => {
    vi.useFakeTimers();
    const taken: string[] = [];
    const scheduler = checkpointScheduler({ take: (t) => (taken.push(t), null), debounceMs: 2000, minIntervalMs: 10_000, warn: () => {} });
    scheduler.beforeCommand(["git", "add", "x"]);
    expect(taken).toEqual(["git add x"]);
    for (let i = 0; i < 5; i++) {
      scheduler.filesChanged();
      vi.advanceTimersByTime(500);
    }
    expect(taken).toHaveLength(1);
    vi.advanceTimersByTime(2000);
    expect(taken).toEqual(["git add x", "files changed"]);
    scheduler.filesChanged();
    vi.advanceTimersByTime(2000);
    expect(taken).toHaveLength(2); // within the interval: deferred
    vi.advanceTimersByTime(10_000);
    expect(taken).toHaveLength(3);
    scheduler.stop();
  });
  it("a failing checkpoint warns once and never throws into the command", () => {
    const warnings: string[] = [];
    const scheduler = checkpointScheduler({ take: () => { throw new Error("disk full"); }, debounceMs: 10, minIntervalMs: 0, warn: (m) => warnings.push(m) });
    scheduler.beforeCommand(["rm", "-rf", "src"]);
    scheduler.beforeCommand(["rm", "-rf", "src"]);
    expect(warnings).toEqual(["hs: checkpoint failed (disk full); work continues without it"]);
  });
});

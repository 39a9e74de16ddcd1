// The radar's cache is keyed by object ids (and by the hs build that wrote it): whatever a warm run remembers, a
// session that commits, resets, or dirties files, and a target that moves, are seen by the next run.
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeMergeWorkspace, type MergeWorkspace } from "./workspace.ts";
import { RadarCache } from "../../src/merge/radar-cache.ts";

let ws: MergeWorkspace;
afterEach(() => ws?.cleanup());

interface Report {
  sessions: Array<{ id: string; head: string | null; changed: number; dirty: number }>;
  pairs: Array<{ a: string; b: string; predicted_conflicts: Array<{ path: string; kind: string }>; merge_error?: string }>;
  targets: Array<{ session: string; predicted_conflicts: Array<{ path: string; kind: string }>; merge_error?: string }>;
  dirty_overlaps: Array<{ path: string; worktrees: string[] }>;
  stats: { merge_trees: number; cached: number };
}

function radar(args: string[] = []): Report {
  const result = ws.hs(["conflicts", "--json", ...args]);
  expect(result.code, result.stderr).toBe(0);
  return result.json() as Report;
}
const pairConflicts = (report: Report) => report.pairs.find((pair) => pair.a === "a" && pair.b === "b")?.predicted_conflicts ?? [];
const targetConflicts = (report: Report, id: string) => report.targets.find((target) => target.session === id)?.predicted_conflicts;
const cacheFile = () => path.join(ws.repo.root, ".handshake", "cache", "radar.json");

describe("radar cache invalidation", () => {
  it("a warm cache never hides a new commit, a reset branch, a moved target or new dirty files", () => {
    ws = makeMergeWorkspace();
    const a = ws.session("a", ["src/a/**", "src/app.ts"]);
    const b = ws.session("b", ["src/b/**", "src/app.ts"]);
    ws.commit(a, { "src/app.ts": "from a\n" }, "a edits app");
    const bFirst = ws.commit(b, { "src/b/own.ts": "b\n" }, "b edits its own file");
    const cold = radar();
    expect(pairConflicts(cold)).toEqual([]);
    const warm = radar();
    expect(warm.stats.merge_trees).toBe(0);
    expect(warm.pairs).toEqual(cold.pairs);

    // b now edits the same file: new head, new keys, a real merge-tree
    ws.commit(b, { "src/app.ts": "from b\n" }, "b edits app too");
    const afterCommit = radar();
    expect(pairConflicts(afterCommit)).toEqual([{ path: "src/app.ts", kind: "content" }]);
    expect(afterCommit.stats.merge_trees).toBeGreaterThan(0);

    // b's branch goes back to its first commit: the earlier (cached) answer applies again, the conflict is gone
    ws.gitIn(b, ["reset", "-q", "--hard", bFirst]);
    const afterReset = radar();
    expect(afterReset.sessions.find((session) => session.id === "b")!.head).toBe(bFirst);
    expect(pairConflicts(afterReset)).toEqual([]);

    // the target moves under a's change
    expect(targetConflicts(afterReset, "a")).toEqual([]);
    ws.repo.write("src/app.ts", "from main\n");
    ws.repo.git(["commit", "-qam", "main edits app"]);
    expect(targetConflicts(radar(), "a")).toEqual([{ path: "src/app.ts", kind: "content" }]);

    // dirty files are never cached: a new one shows at once, a removed one is gone at once
    fs.writeFileSync(path.join(a, "src/wip.ts"), "a\n");
    fs.writeFileSync(path.join(b, "src/wip.ts"), "b\n");
    expect(radar().dirty_overlaps).toEqual([{ path: "src/wip.ts", worktrees: ["a", "b"] }]);
    fs.rmSync(path.join(b, "src/wip.ts"));
    expect(radar().dirty_overlaps).toEqual([]);
  }, 120_000);

  it("a cache written by another hs build (or in the old format) is not read: it cannot hide a conflict", () => {
    ws = makeMergeWorkspace();
    const a = ws.session("a");
    const b = ws.session("b");
    ws.commit(a, { "src/app.ts": "from a\n" }, "a");
    ws.commit(b, { "src/app.ts": "from b\n" }, "b");
    expect(pairConflicts(radar())).toEqual([{ path: "src/app.ts", kind: "content" }]);
    // Every remembered merge says "no conflict", every diff "no change": a cache that lies.
    const written = JSON.parse(fs.readFileSync(cacheFile(), "utf8")) as { build: string; entries: Record<string, unknown> };
    const lies = Object.fromEntries(Object.keys(written.entries).map((key) => [key, key.startsWith("verified:") ? true : key.startsWith("scope:") ? null : []]));
    fs.writeFileSync(cacheFile(), JSON.stringify({ build: "another-build", entries: lies }));
    expect(pairConflicts(radar())).toEqual([{ path: "src/app.ts", kind: "content" }]);
    fs.writeFileSync(cacheFile(), JSON.stringify(lies));
    expect(pairConflicts(radar())).toEqual([{ path: "src/app.ts", kind: "content" }]);
  }, 120_000);

  it("a merge-tree that fails is reported (merge_error) and not remembered as clean", () => {
    ws = makeMergeWorkspace();
    const a = ws.session("a");
    ws.commit(a, { "src/app.ts": "from a\n" }, "a");
    ws.repo.write("src/app.ts", "from main\n");
    ws.repo.git(["add", "-A"]);
    ws.repo.git(["commit", "-qm", "main edits app"]);
    // The session points its branch at a commit with no history in common with main.
    const off = ["-c", "core.hooksPath=/dev/null"];
    const tree = ws.gitIn(a, ["write-tree"]).trim();
    const orphan = ws.gitIn(a, [...off, "commit-tree", tree, "-m", "unrelated"]).trim();
    ws.gitIn(a, [...off, "update-ref", "refs/heads/hs/a/work", orphan]);
    for (let run = 0; run < 2; run += 1) {
      const report = radar();
      const target = report.targets.find((candidate) => candidate.session === "a")!;
      expect(target.predicted_conflicts).toEqual([]);
      expect(target.merge_error).toMatch(/unrelated histories/);
    }
    expect(ws.hs(["conflicts"]).stdout).toMatch(/a vs refs\/heads\/main: no prediction, git merge-tree failed: .*unrelated histories/);
  }, 120_000);
});

describe("RadarCache", () => {
  it("keeps entries across instances of one build and drops them for another", () => {
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? "/tmp"), "hs-radar-cache-"));
    try {
      const file = path.join(dir, "cache", "radar.json");
      const first = new RadarCache(file, "build-1");
      first.set("mt:x:y", [{ path: "a", kind: "content" }]);
      first.save();
      expect(new RadarCache(file, "build-1").get("mt:x:y")).toEqual([{ path: "a", kind: "content" }]);
      expect(new RadarCache(file, "build-2").get("mt:x:y")).toBeUndefined();
      fs.writeFileSync(file, "{not json");
      expect(new RadarCache(file, "build-1").get("mt:x:y")).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The radar's merge-trees: only those not cached yet, `width` at a time, each result cached under its (oid, oid) key.
import type { HostGit } from "./git.ts";
import type { RadarCache } from "./radar-cache.ts";
import { pool } from "./pool.ts";
import { parseMergeTree } from "./merge-tree-parse.ts";
import { classifyConflicts } from "./conflict-kinds.ts";

/** A merge-tree that fails (exit other than 0 or 1, e.g. unrelated histories) is no answer: not cached, in `failed`. */
export async function runMergeTrees(git: HostGit, cache: RadarCache, needed: ReadonlyMap<string, [string, string]>, width: number) {
  const todo = [...needed].filter(([key]) => cache.get(key) === undefined);
  const failed = new Map<string, string>();
  await pool(todo.map(([key, [ours, theirs]]) => async () => {
    const result = await git.async(["merge-tree", "--write-tree", "-z", "--messages", ours, theirs]);
    if (result.code === 0) cache.set(key, []);
    else if (result.code === 1) cache.set(key, classifyConflicts(parseMergeTree(result.stdout)).map(({ path: file, kind }) => ({ path: file, kind })));
    else failed.set(key, result.stderr.trim().split("\n")[0] || `git merge-tree exited ${result.code}`);
  }), width);
  return { mergeTrees: todo.length, cached: needed.size - todo.length, failed };
}

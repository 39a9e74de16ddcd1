// Puts a checkpoint's files (all, or those matching globs) back into the session worktree and its staged
// state back into the session's index. Writes go through WorktreeFs: never through a planted symlink.
import { createPathMatcher } from "../scope/index.ts";
import path from "node:path";
import { objectId, writeObject } from "./objects.ts";
import { NEUTRAL_CONFIG_ARGS, neutralGitEnv, runGitSync, gitFailure } from "../git/index.ts";
import { WorktreeFs } from "./safe-fs.ts";
import { flattenTree, readBlobs } from "./read.ts";
import type { CheckpointMeta } from "./meta.ts";
import type { TreeEntry } from "./tree.ts";

/** Scope semantics: a folder named without wildcards covers everything below it. No globs: everything. */
export function selector(globs: readonly string[]): (file: string) => boolean {
  return globs.length ? createPathMatcher([...globs]) : () => true;
}

export interface RestorePlan {
  write: TreeEntry[];
  remove: string[];
}

/** Pure: what to write and what to remove so that the selected paths equal the checkpoint's. */
export function planRestore(checkpoint: readonly TreeEntry[], current: readonly TreeEntry[], globs: readonly string[]): RestorePlan {
  const pick = selector(globs);
  const wanted = new Map(checkpoint.filter((entry) => entry.mode !== "160000" && pick(entry.path)).map((entry) => [entry.path, entry]));
  const now = new Map(current.map((entry) => [entry.path, entry]));
  const write = [...wanted.values()].filter((entry) => {
    const existing = now.get(entry.path);
    return !existing || existing.oid !== entry.oid || existing.mode !== entry.mode;
  });
  const remove = current.filter((entry) => pick(entry.path) && !wanted.has(entry.path) && entry.mode !== "160000").map((entry) => entry.path);
  return { write, remove };
}

export interface RestoreTarget {
  worktree: string;
  gitDir: string;
  commonDir: string;
  /** The checkpoint repository the blobs come from. */
  store: string;
  /** Where the session's git writes objects (its private store), or null for the shared one. */
  privateObjects: string | null;
}

export function applyRestore(target: RestoreTarget, plan: RestorePlan): { written: number; removed: number } {
  const wfs = new WorktreeFs(target.worktree);
  const blobs = readBlobs(target.store, plan.write.map((entry) => entry.oid));
  let written = 0;
  for (const entry of plan.write) {
    const content = blobs.get(entry.oid);
    if (content && wfs.write(entry.path, entry.mode, content)) written++;
  }
  for (const file of plan.remove) wfs.remove(file);
  return { written, removed: plan.remove.length };
}

/**
 * Sets the session's index entries (all, or the selected paths) to the checkpoint's staged state. git only
 * edits the index here (update-index --index-info reads no object); the staged blobs the session's own git
 * cannot see yet are copied into its object store first.
 */
export function restoreIndex(target: RestoreTarget, meta: CheckpointMeta, globs: readonly string[]): void {
  const objects = target.privateObjects ?? path.join(target.commonDir, "objects");
  const env = neutralGitEnv(process.env, {
    GIT_DIR: target.commonDir,
    GIT_INDEX_FILE: path.join(target.gitDir, "index"),
    GIT_WORK_TREE: target.worktree,
    ...(target.privateObjects ? { GIT_ALTERNATE_OBJECT_DIRECTORIES: target.privateObjects } : {}),
  });
  const run = (args: string[], input?: string) => {
    const request = { args: [...NEUTRAL_CONFIG_ARGS, ...args], cwd: target.worktree, env, input };
    const result = runGitSync(request);
    if (result.code !== 0) throw gitFailure(request, result);
    return result.stdout;
  };
  const pick = selector(globs);
  const staged = flattenTree(target.store, meta.index_tree).filter((entry) => pick(entry.path));
  const blobs = staged.filter((entry) => entry.mode !== "160000").map((entry) => entry.oid);
  const missing = blobs.length ? run(["cat-file", "--batch-check=%(objectname) %(objecttype)"], [...new Set(blobs)].join("\n") + "\n") : "";
  const needed = missing.split("\n").filter((line) => line.endsWith(" missing")).map((line) => line.slice(0, line.indexOf(" ")));
  for (const [oid, content] of readBlobs(target.store, needed)) if (objectId("blob", content) === oid) writeObject(objects, "blob", content);
  const stagedPaths = new Set(staged.map((entry) => entry.path));
  const lines = staged.map((entry) => `${entry.mode} ${entry.oid}\t${entry.path}`);
  for (const file of run(["ls-files", "-z"]).split("\0").filter(Boolean)) {
    if (!stagedPaths.has(file) && pick(file)) lines.push(`0 ${"0".repeat(40)}\t${file}`);
  }
  if (lines.length) run(["update-index", "--index-info"], lines.join("\n") + "\n");
}

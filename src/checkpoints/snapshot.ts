// A checkpoint: the session's whole working state as a commit on refs/hs-checkpoints/<id>/<n>, written by
// the host without touching the session's index, HEAD or files. Blob, tree and commit ids are computed
// here from content; staged blobs the session wrote enter only after their content re-hashes to their id.
import fs from "node:fs";
import path from "node:path";
import { WorktreeFs } from "./safe-fs.ts";
import type { StagedEntry } from "./listing.ts";
import { workingListing } from "./listing-reuse.ts";
import { readVerifiedLoose, writeObject } from "./objects.ts";
import { ancestorFolders, buildTree, type TreeEntry, type TreeReuse } from "./tree.ts";
import { loadStatCache, saveStatCache, statKey, type StatCache } from "./stat-cache.ts";
import { changedPaths, checkpointMessage, type CheckpointMeta } from "./meta.ts";
import { createCheckpointRef, lastCheckpoint, missingObjects } from "./refs.ts";

export interface CheckpointTarget {
  sessionId: string;
  worktree: string;
  gitDir: string;
  commonDir: string;
  /** The host-owned checkpoint repository (bare, under .handshake/; its alternates name the shared store). */
  store: string;
  /** The session's private object store, where staged blobs it wrote live (unverified). */
  privateObjects: string | null;
  /** Host-owned folder for the stat cache. */
  stateDir: string;
}

export interface Snapshot {
  entries: TreeEntry[];
  tree: string;
  indexTree: string;
  newBytes: number;
  cache: StatCache;
  previous: StatCache;
}

function modeOf(stat: fs.Stats): string {
  return stat.isSymbolicLink() ? "120000" : stat.mode & 0o111 ? "100755" : "100644";
}

/** Hashes the working state into the shared object store (only changed files are read) and builds both trees. */
export function snapshot(target: CheckpointTarget): Snapshot {
  const objects = path.join(target.store, "objects");
  const wfs = new WorktreeFs(target.worktree);
  const previous = usableCache(loadStatCache(target.stateDir), objects);
  const cache: StatCache = { files: {} };
  const entries: TreeEntry[] = [];
  const dir = { id: target.sessionId, worktree: target.worktree, gitDir: target.gitDir, commonDir: target.commonDir };
  const { paths, staged } = workingListing(dir, target.stateDir);
  const gitlinks = new Map(staged.filter((entry) => entry.mode === "160000").map((entry) => [entry.path, entry.oid]));
  let newBytes = 0;
  for (const file of paths) {
    const stat = wfs.lstat(file);
    if (!stat) continue;
    if (stat.isDirectory()) {
      const link = gitlinks.get(file);
      if (link) entries.push({ path: file, mode: "160000", oid: link });
      continue;
    }
    if (!stat.isFile() && !stat.isSymbolicLink()) continue;
    const mode = modeOf(stat);
    const key = statKey(stat);
    const known = previous.files[file];
    if (known && known.key === key && known.mode === mode) {
      cache.files[file] = known;
      entries.push({ path: file, mode, oid: known.oid });
      continue;
    }
    const content = stat.isSymbolicLink() ? Buffer.from(wfs.readLink(file) ?? "", "utf8") : wfs.readFile(file);
    if (!content) continue;
    const oid = writeObject(objects, "blob", content);
    newBytes += content.length;
    cache.files[file] = { key, mode, oid };
    entries.push({ path: file, mode, oid });
  }
  const writeTree = (content: Buffer) => writeObject(objects, "tree", content);
  const treeReuse = reuseFrom(previous.trees, entries, (file) => {
    const known = previous.files[file];
    return known && `${known.mode} ${known.oid}`;
  }, () => Object.keys(previous.files));
  const tree = buildTree(entries, writeTree, treeReuse);
  const stagedEntries = verifiedStaged(target, staged, entries, previous);
  const staged0 = previous.staged ?? {};
  const indexReuse = reuseFrom(previous.indexTrees, stagedEntries, (file) => staged0[file], () => Object.keys(staged0));
  const indexTree = buildTree(stagedEntries, writeTree, indexReuse);
  cache.trees = treeReuse.out;
  cache.indexTrees = indexReuse.out;
  cache.staged = Object.fromEntries(stagedEntries.map((entry) => [entry.path, `${entry.mode} ${entry.oid}`]));
  return { entries, tree, indexTree, newBytes, cache, previous };
}

/** A cache whose trees are gone from the store (the store was deleted) is only good for file ids. */
function usableCache(cache: StatCache, objects: string): StatCache {
  const root = cache.trees?.[""];
  if (!root || fs.existsSync(path.join(objects, root.slice(0, 2), root.slice(2)))) return cache;
  return { files: {} };
}

/**
 * Which folders must be serialised again: those above a path whose mode or id differs from last time.
 * `before` gives last time's `mode oid` of a path; `beforePaths` lists them (read only when a path went away).
 */
function reuseFrom(
  previousTrees: Record<string, string> | undefined,
  entries: readonly TreeEntry[],
  before: (file: string) => string | undefined,
  beforePaths: () => string[],
): TreeReuse {
  if (!previousTrees) return { previous: {}, dirty: new Set([""]), out: {} };
  const changed: string[] = [];
  let kept = 0;
  for (const entry of entries) {
    const was = before(entry.path);
    if (was !== undefined) kept += 1;
    if (entry.mode === "160000" || was !== `${entry.mode} ${entry.oid}`) changed.push(entry.path);
  }
  const all = beforePaths();
  if (kept !== all.length) {
    const now = new Set(entries.map((entry) => entry.path));
    for (const file of all) if (!now.has(file)) changed.push(file);
  }
  return { previous: previousTrees, dirty: ancestorFolders(changed), out: {} };
}

/** Staged entries whose blobs are in the shared store or re-hash correctly from the private store. */
function verifiedStaged(target: CheckpointTarget, staged: StagedEntry[], worktree: TreeEntry[], previous: StatCache): TreeEntry[] {
  const objects = path.join(target.store, "objects");
  // Ids this host wrote to the store itself: hashed from the worktree now or for the previous snapshot (a file
  // staged and then edited again has its staged blob there), or verified for it, or in the last checkpoint. The
  // cache is dropped when the store is (usableCache), and hs never prunes the store of a live session.
  const known = new Set(worktree.map((entry) => entry.oid));
  for (const file of Object.values(previous.files)) known.add(file.oid);
  for (const value of [...Object.values(previous.staged ?? {}), ...Object.values(previous.lastEntries ?? {})]) known.add(value.slice(value.indexOf(" ") + 1));
  const blobs = staged.filter((entry) => entry.mode !== "160000");
  const missing = new Set(missingObjects(target.store, blobs.map((entry) => entry.oid).filter((oid) => !known.has(oid))));
  const out: TreeEntry[] = [];
  for (const entry of staged) {
    if (entry.mode !== "160000" && missing.has(entry.oid)) {
      const object = target.privateObjects ? readVerifiedLoose(target.privateObjects, entry.oid) : undefined;
      if (!object || object.type !== "blob") continue; // unverifiable: left out rather than trusted
      writeObject(objects, "blob", object.content);
    }
    out.push({ path: entry.path, mode: entry.mode, oid: entry.oid });
  }
  return out;
}

/** Writes a checkpoint unless nothing changed since the last one; returns its metadata, or null. */
export function writeCheckpoint(target: CheckpointTarget, trigger: string, head: string | null): CheckpointMeta | null {
  const snap = snapshot(target);
  const last = snap.previous.last ?? lastCheckpoint(target.store, target.sessionId);
  if (last && last.tree === snap.tree && last.index_tree === snap.indexTree) {
    saveStatCache(target.stateDir, { ...snap.cache, lastEntries: snap.previous.lastEntries, last });
    return null;
  }
  const objects = path.join(target.store, "objects");
  const previousEntries = last ? (snap.previous.lastEntries ?? {}) : {};
  const meta: Omit<CheckpointMeta, "n" | "commit"> = {
    session_id: target.sessionId,
    trigger: trigger.slice(0, 500),
    created_at: new Date().toISOString(),
    head,
    tree: snap.tree,
    index_tree: snap.indexTree,
    files: snap.entries.length,
    new_bytes: snap.newBytes,
    changed: changedPaths(previousEntries, snap.entries),
  };
  const stamp = `${Math.floor(Date.now() / 1000)} +0000`;
  const ident = `hs <hs@localhost> ${stamp}`;
  const indexCommit = writeObject(objects, "commit", Buffer.from(`tree ${snap.indexTree}\nauthor ${ident}\ncommitter ${ident}\n\nhs checkpoint: staged state\n`));
  const created = createCheckpointRef(target.store, target.sessionId, last?.n ?? 0, (n) =>
    writeObject(objects, "commit", Buffer.from(`tree ${snap.tree}\nparent ${indexCommit}\nauthor ${ident}\ncommitter ${ident}\n\n${checkpointMessage(n, meta)}`)),
  );
  const lastEntries = Object.fromEntries(snap.entries.map((entry) => [entry.path, `${entry.mode} ${entry.oid}`]));
  saveStatCache(target.stateDir, { ...snap.cache, lastEntries, last: { n: created.n, tree: snap.tree, index_tree: snap.indexTree } });
  return { ...meta, n: created.n, commit: created.commit };
}

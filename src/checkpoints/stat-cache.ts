// The host's own record of what each file hashed to, keyed by lstat data the session cannot forge
// (ctime changes on every write and every utimes), so unchanged files are not read again.
import fs from "node:fs";
import path from "node:path";

export interface CachedFile {
  key: string;
  mode: string;
  oid: string;
}

export interface StatCache {
  files: Record<string, CachedFile>;
  /** The last checkpoint's entries (`mode oid` by path), for "files changed since the previous one". */
  lastEntries?: Record<string, string>;
  /** Folder tree ids of the last snapshot's worktree and staged trees, reused where nothing changed. */
  trees?: Record<string, string>;
  indexTrees?: Record<string, string>;
  /** The last snapshot's staged entries (`mode oid` by path). */
  staged?: Record<string, string>;
  /** The newest checkpoint this cache was written with (saves listing the refs on every command). */
  last?: { n: number; tree: string; index_tree: string };
}

const FILE = "stat-cache.json";

export function statKey(stat: fs.Stats): string {
  // A file written in the same tick as the cache could change again unseen: such entries never match.
  if (Date.now() - stat.ctimeMs < 1500) return `racy:${Math.random()}`;
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
}

// The session host checkpoints many times: it keeps the cache in memory while the file is the one it wrote.
// The file is written after the current task (the gated command's reply goes out first) or at exit.
interface Held {
  mtimeMs: number;
  size: number;
  cache: StatCache;
  pending: boolean;
}
const memory = new Map<string, Held>();

export function loadStatCache(dir: string): StatCache {
  const file = path.join(dir, FILE);
  const held = memory.get(dir);
  if (held?.pending) return held.cache;
  try {
    const stat = fs.statSync(file);
    if (held && held.mtimeMs === stat.mtimeMs && held.size === stat.size) return held.cache;
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as StatCache;
    return parsed && typeof parsed.files === "object" ? parsed : { files: {} };
  } catch {
    return { files: {} };
  }
}

function flush(dir: string, held: Held): void {
  if (!held.pending || memory.get(dir) !== held) return;
  held.pending = false;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const temp = path.join(dir, `${FILE}.${process.pid}.tmp`);
    fs.writeFileSync(temp, JSON.stringify(held.cache));
    fs.renameSync(temp, path.join(dir, FILE));
    const stat = fs.statSync(path.join(dir, FILE));
    held.mtimeMs = stat.mtimeMs;
    held.size = stat.size;
  } catch {
    // Only a cache: the next checkpoint reads the files again.
    memory.delete(dir);
  }
}

let exitHook = false;

export function saveStatCache(dir: string, cache: StatCache): void {
  const held: Held = { mtimeMs: -1, size: -1, cache, pending: true };
  memory.set(dir, held);
  setImmediate(() => flush(dir, held));
  if (!exitHook) {
    exitHook = true;
    process.once("exit", flushStatCaches);
  }
}

/** Writes every cache still pending (tests and process exit). */
export function flushStatCaches(): void {
  for (const [dir, held] of memory) flush(dir, held);
}

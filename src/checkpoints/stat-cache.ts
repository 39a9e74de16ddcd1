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
  /** The newest checkpoint this cache was written with (saves listing the refs on every command). */
  last?: { n: number; tree: string; index_tree: string };
}

const FILE = "stat-cache.json";

export function statKey(stat: fs.Stats): string {
  // A file written in the same tick as the cache could change again unseen: such entries never match.
  if (Date.now() - stat.ctimeMs < 1500) return `racy:${Math.random()}`;
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
}

export function loadStatCache(dir: string): StatCache {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dir, FILE), "utf8")) as StatCache;
    return parsed && typeof parsed.files === "object" ? parsed : { files: {} };
  } catch {
    return { files: {} };
  }
}

export function saveStatCache(dir: string, cache: StatCache): void {
  fs.mkdirSync(dir, { recursive: true });
  const temp = path.join(dir, `${FILE}.${process.pid}.tmp`);
  fs.writeFileSync(temp, JSON.stringify(cache));
  fs.renameSync(temp, path.join(dir, FILE));
}

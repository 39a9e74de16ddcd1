// The checkpoint's file list without a git process when git would answer what it answered last time. The
// untracked part can only change when a folder gains or loses an entry (its lstat key changes), when an ignore
// rule changes, or when the index drops a path; the tracked part is read from the index file itself. Every
// doubt (a racy key, a folder git was not asked about, an include or excludesFile in config) asks git again.
import fs from "node:fs";
import path from "node:path";
import { HARDENED_CONFIG_ARGS, runGitSync, sessionGitEnv, type SessionGitDir } from "../git/index.ts";
import { parseIndex } from "./index-file.ts";
import { listWorking, type StagedEntry, type WorkingListing } from "./listing.ts";
import { ancestorFolders } from "./tree.ts";

const RACY_MS = 1500;

interface Remembered {
  worktree: string;
  indexKey: string;
  indexPaths: Set<string>;
  others: string[];
  paths: string[];
  staged: StagedEntry[];
  /** Folder (relative, "" = root) -> lstat key: every folder git looked into for untracked files. */
  folders: Map<string, string>;
  /** Absolute file -> lstat key: .gitignore in every folder, info/exclude, repo config, the default excludes file. */
  sources: Map<string, string>;
  /** Folders with nothing listed below them -> ignored as a whole (git does not look inside). */
  verdicts: Map<string, boolean>;
  /** A first listing in this process: not reused; the next listing asks git about its folders. */
  deferred?: boolean;
}

const remembered = new Map<string, Remembered>();

/**
 * lstat key, "-" when absent. With `recordedAt` (a key to remember): "racy:" for an entry changed too close to
 * that time to be trusted next time (file times tick coarsely). Without it: the key to compare with.
 */
export function entryKey(file: string, recordedAt?: number): string {
  const stat = fs.lstatSync(file, { throwIfNoEntry: false });
  if (!stat) return "-";
  if (recordedAt !== undefined && recordedAt - stat.ctimeMs < RACY_MS) return "racy:";
  return `${stat.dev}:${stat.ino}:${stat.mode}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
}

function unchanged(keys: Map<string, string>, resolve: (name: string) => string): boolean {
  for (const [name, key] of keys) if (key === "racy:" || entryKey(resolve(name)) !== key) return false;
  return true;
}

function sourceFiles(dir: SessionGitDir): string[] {
  const home = process.env.HOME ?? "";
  const xdg = process.env.XDG_CONFIG_HOME || path.join(home, ".config");
  return [
    path.join(dir.commonDir, "info", "exclude"),
    path.join(dir.commonDir, "config"),
    path.join(dir.gitDir, "config.worktree"),
    path.join(xdg, "git", "ignore"),
  ];
}

/** Repository config that points git at other ignore files (or includes config that might) is not followed here. */
function configRedirects(dir: SessionGitDir): boolean {
  return [path.join(dir.commonDir, "config"), path.join(dir.gitDir, "config.worktree")].some((file) => {
    try {
      return /excludesfile|include/i.test(fs.readFileSync(file, "latin1"));
    } catch {
      return false;
    }
  });
}

/** Which of `folders` git ignores as a whole (one `git check-ignore`; a failure counts as "not ignored"). */
function ignoredFolders(dir: SessionGitDir, folders: string[]): Set<string> {
  if (!folders.length) return new Set();
  const args = [...HARDENED_CONFIG_ARGS, "check-ignore", "-z", "--stdin"];
  const result = runGitSync({ args, cwd: dir.worktree, env: sessionGitEnv(dir), input: folders.join("\0") + "\0" });
  return new Set(result.code === 0 ? result.stdout.split("\0").filter(Boolean) : []);
}

function remember(
  dir: SessionGitDir,
  listing: WorkingListing,
  indexKey: string,
  previous: Remembered | undefined,
  now: number,
): Remembered | undefined {
  if (configRedirects(dir)) return undefined;
  const join = (name: string) => path.join(dir.worktree, name);
  const sources = new Map(sourceFiles(dir).map((file) => [file, entryKey(file, now)]));
  const sameRules = previous && previous.worktree === dir.worktree && unchanged(previous.sources, (file) => file);
  const keep = sameRules ? previous.verdicts : new Map<string, boolean>();
  const covered = ancestorFolders(listing.paths.length ? listing.paths : [""]);
  const nested = new Set(listing.nested);
  const folders = new Map<string, string>();
  const blind: string[] = [];
  for (const folder of covered) {
    let children: fs.Dirent[];
    try {
      children = fs.readdirSync(join(folder), { withFileTypes: true });
    } catch {
      children = [];
    }
    folders.set(folder, entryKey(join(folder), now));
    for (const child of children) {
      if (!child.isDirectory() || child.name === ".git") continue;
      const name = folder ? `${folder}/${child.name}` : child.name;
      if (covered.has(name)) continue;
      if (nested.has(name)) folders.set(name, entryKey(join(name), now));
      else blind.push(name);
    }
  }
  const ask = blind.filter((name) => !keep.has(name));
  // A one-shot process (the CLI's checkpoint, pause, cancel) never lists twice: it pays no `check-ignore`.
  if (!previous && ask.length) {
    const empty = { indexPaths: new Set<string>(), others: [], paths: [], staged: [] };
    return { worktree: dir.worktree, indexKey, ...empty, folders, sources, verdicts: keep, deferred: true };
  }
  const ignored = ignoredFolders(dir, ask);
  const verdicts = new Map<string, boolean>();
  for (const name of blind) {
    const isIgnored = keep.get(name) ?? ignored.has(name);
    verdicts.set(name, isIgnored);
    if (isIgnored) continue;
    // A folder git looks into with nothing listed below it: fine while it holds no folder of its own.
    const inner = fs.readdirSync(join(name), { withFileTypes: true });
    if (inner.some((entry) => entry.isDirectory())) return undefined;
    folders.set(name, entryKey(join(name), now));
  }
  for (const folder of folders.keys()) {
    const rules = path.join(join(folder), ".gitignore");
    sources.set(rules, entryKey(rules, now));
  }
  const tracked = new Set(listing.paths);
  for (const file of listing.others) tracked.delete(file);
  const { others, paths, staged } = listing;
  return { worktree: dir.worktree, indexKey, indexPaths: tracked, others, paths, staged, folders, sources, verdicts };
}

type Reused = WorkingListing & { indexKey: string };

function reuse(dir: SessionGitDir, known: Remembered, indexFile: string): Reused | undefined {
  if (known.deferred || known.worktree !== dir.worktree || !unchanged(known.sources, (file) => file)) return undefined;
  if (!unchanged(known.folders, (name) => path.join(dir.worktree, name))) return undefined;
  // Keyed before it is read: an index written meanwhile is read again next time.
  const indexKey = entryKey(indexFile, Date.now());
  if (known.indexKey !== "racy:" && entryKey(indexFile) === known.indexKey) {
    return { paths: known.paths, staged: known.staged, others: known.others, nested: [], indexKey: known.indexKey };
  }
  let parsed;
  try {
    parsed = parseIndex(fs.readFileSync(indexFile));
  } catch {
    return undefined;
  }
  if (!parsed) return undefined;
  const now = new Set(parsed.paths);
  // A path the index no longer names may now be untracked and not ignored: only git knows.
  for (const file of known.indexPaths) if (!now.has(file)) return undefined;
  const paths = new Set(parsed.paths);
  for (const file of known.others) paths.add(file);
  const others = known.others.filter((file) => !now.has(file));
  return { paths: [...paths].sort(), staged: parsed.staged, others, nested: [], indexKey };
}

/** Only an optimisation: whatever goes wrong here, git is asked (now or next time), never the checkpoint lost. */
function attempt<T>(fn: () => T | undefined): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/** The working listing for a checkpoint; `reused` says whether git was spared. */
export function workingListing(dir: SessionGitDir, stateDir: string): WorkingListing & { reused: boolean } {
  const indexFile = path.join(dir.gitDir, "index");
  const known = remembered.get(stateDir);
  const quick = known ? attempt(() => reuse(dir, known, indexFile)) : undefined;
  if (known && quick) {
    const { indexKey, ...listing } = quick;
    if (indexKey !== known.indexKey) {
      const tracked = new Set(listing.paths);
      for (const file of listing.others) tracked.delete(file);
      const { others, paths, staged } = listing;
      remembered.set(stateDir, { ...known, indexKey, indexPaths: tracked, others, paths, staged });
    }
    return { ...listing, reused: true };
  }
  const now = Date.now();
  // The index key is taken before git reads it: an index written meanwhile is read again next time.
  const indexKey = entryKey(indexFile, now);
  const listing = listWorking(dir);
  const next = attempt(() => remember(dir, listing, indexKey, known, now));
  if (next) remembered.set(stateDir, next);
  else remembered.delete(stateDir);
  return { ...listing, reused: false };
}

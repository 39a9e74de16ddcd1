// The host's live answer to "which files are dirty in this worktree" for the conflict radar, so the radar needs no
// `git status` per session. The host runs the same hardened status the radar would (src/git/session-git.ts: no
// session config, filters, hooks or fsmonitor run), once at start and again after the watcher saw a write or the
// session's index changed (commit, add, checkout), debounced and at most one scan per interval (a busy session
// costs one status per interval, not one per write). Between scans, paths the watcher saw written are added to
// the last result, so an answer never misses a write it was told about.
import fs from "node:fs";
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { sessionGit, type GitRunner } from "../git/session-git.ts";
import { nestedRepositories } from "../merge/nested.ts";

/** What the host answers to a `dirty` request (JSON on stdout). */
export interface DirtySnapshot {
  files: string[];
  nested: string[];
  /** When the last status scan finished (ISO), null before the first. */
  scanned_at: string | null;
  /** Paths written since the last scan started: included in `files`, not yet confirmed by git. */
  unconfirmed: number;
  error: string | null;
}

export interface DirtyTracker {
  /** A path (relative to the worktree) the watcher saw change. */
  touched(relative: string): void;
  snapshot(): DirtySnapshot;
  /** The first scan (tests wait for it). */
  ready: Promise<void>;
  close(): void;
}

const STATUS_ARGS = ["status", "--porcelain=v1", "-z", "--untracked-files=normal", "--no-renames"];
const DEBOUNCE_MS = 150;

export function trackDirty(ws: Workspace, session: SessionRecord, minIntervalMs = 2000): DirtyTracker {
  const git: GitRunner = sessionGit({ id: session.id, worktree: session.worktree, gitDir: session.gitDir, commonDir: ws.loc.commonDir });
  let files: string[] = [];
  let nested: string[] = [];
  let scannedAt: string | null = null;
  let lastStart = 0;
  let error: string | null = null;
  let pending = new Set<string>();
  let inFlight = new Set<string>();
  let scanning = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  // A scan still running at close is killed: a session can make git block for good (a named pipe as .gitignore),
  // and the host must not wait on it to exit.
  const abort = new AbortController();
  let resolveReady = () => undefined as void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  const scan = async () => {
    if (closed) return;
    if (scanning) return void (again = true);
    scanning = true;
    lastStart = Date.now();
    inFlight = pending;
    pending = new Set();
    try {
      const result = await git.async(STATUS_ARGS, { signal: abort.signal });
      if (result.code !== 0) throw new Error(result.stderr.trim().split("\n")[0] || `git status exited ${result.code}`);
      const fields = result.stdout.split("\0").filter(Boolean);
      files = fields.map((field) => field.slice(3));
      nested = nestedRepositories(session.worktree, fields);
      error = null;
    } catch (failure) {
      // The paths seen stay unconfirmed; the radar still gets them, with the reason the scan failed.
      error = failure instanceof Error ? failure.message.split("\n")[0]! : String(failure);
      for (const path of inFlight) pending.add(path);
    }
    scannedAt = new Date().toISOString();
    inFlight = new Set();
    scanning = false;
    resolveReady();
    if (again || pending.size) (again = false, schedule());
  };
  const schedule = () => {
    if (closed || timer) return;
    const wait = Math.max(DEBOUNCE_MS, minIntervalMs - (Date.now() - lastStart));
    timer = setTimeout(() => ((timer = undefined), void scan()), wait);
    timer.unref();
  };
  // The index lives in the admin dir, outside the worktree the watcher sees: one inotify watch on that folder.
  let indexWatch: fs.FSWatcher | undefined;
  try {
    indexWatch = fs.watch(session.gitDir, { persistent: false }, (_event, name) => {
      if (name === "index" || name === "HEAD") schedule();
    });
    indexWatch.on("error", () => undefined);
  } catch {
    // no admin dir to watch: writes in the worktree still trigger scans
  }
  // The first scan's set-up (admin-file checks, config enumeration) is synchronous: not in the caller's turn.
  setImmediate(() => void scan());
  return {
    touched(relative) {
      pending.add(relative);
      schedule();
    },
    snapshot() {
      const known = new Set(files);
      const unconfirmed = [...new Set([...inFlight, ...pending])].filter((path) => !known.has(path));
      return { files: [...files, ...unconfirmed], nested, scanned_at: scannedAt, unconfirmed: unconfirmed.length, error };
    },
    ready,
    close() {
      closed = true;
      abort.abort();
      clearTimeout(timer);
      indexWatch?.close();
    },
  };
}

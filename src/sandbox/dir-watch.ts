// A tree watcher with one inotify watch per directory (Node's fs.watch, not recursive), never one per file: on a
// 50,000-file worktree that is a few hundred kernel watches and a name list per folder, where chokidar 5 held a
// watcher and a stat per file (+350 MB, seconds to start). Each event names a child of a watched folder; one lstat
// classifies it (add / change / unlink, and addDir / unlinkDir for folders, whose contents are walked or dropped).
// Symlinks are reported as entries and never followed. A watcher started before the process it watches is
// armed with reportSince(): folders the start-up walk reaches after that moment report what changed in them since
// (by ctime), so a write in the first milliseconds is flagged even where the walk had not arrived yet.
import fs from "node:fs";
import path from "node:path";

export const TREE_EVENTS = ["add", "change", "unlink", "addDir", "unlinkDir"] as const;
export type TreeEvent = (typeof TREE_EVENTS)[number];

export interface TreeWatchOptions {
  /** Relative paths ('/'-separated) to leave out; an ignored folder is not walked. */
  ignored(relative: string): boolean;
  onEvent(kind: TreeEvent, relative: string): void;
  onError?(error: Error): void;
}

export interface TreeWatcher {
  /** Resolves once every folder present at start is watched. */
  ready: Promise<void>;
  /** Folders watched now (one kernel watch each). */
  watchedDirs(): number;
  /**
   * Writes from `ms` (epoch) on must be reported: a folder the start-up walk lists later reports its entries
   * changed since then (one lstat each, only in those folders). Folders watched before the call need none.
   */
  reportSince(ms: number): void;
  close(): void;
}

interface Folder {
  watcher: fs.FSWatcher;
  /** child name -> true for a folder, false for anything else */
  entries: Map<string, boolean>;
}

const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);
/** Folders walked per turn of the event loop at start, so the host keeps answering its socket meanwhile. */
const BATCH = 64;
/** File timestamps come from the kernel's coarse clock, up to a tick (<= 10 ms at HZ 100) behind Date.now(). */
const CLOCK_SLACK_MS = 20;

export function watchTree(root: string, options: TreeWatchOptions): TreeWatcher {
  const folders = new Map<string, Folder>();
  let closed = false;
  let since: number | null = null;
  const fail = (error: unknown) => options.onError?.(error instanceof Error ? error : new Error(String(error)));

  const lstat = (relative: string): fs.Stats | null => {
    try {
      return fs.lstatSync(path.join(root, relative));
    } catch {
      return null;
    }
  };

  /** Watches a folder and lists it; its subfolders are queued. With `emit`, its contents are reported as new. */
  const open = (dir: string, emit: boolean, queue: string[]): void => {
    if (closed || folders.has(dir)) return;
    let watcher: fs.FSWatcher;
    try {
      watcher = fs.watch(path.join(root, dir), { persistent: false }, (_type, name) => changed(dir, name === null ? null : String(name)));
    } catch (error) {
      // Gone already (created and removed at once) is not an error; running out of inotify watches is.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT" && (error as NodeJS.ErrnoException).code !== "ENOTDIR") fail(error);
      return;
    }
    watcher.on("error", fail);
    const folder: Folder = { watcher, entries: new Map() };
    folders.set(dir, folder);
    let children: fs.Dirent[] = [];
    try {
      children = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const child of children) {
      const relative = join(dir, child.name);
      if (options.ignored(relative)) continue;
      const isDir = child.isDirectory();
      folder.entries.set(child.name, isDir);
      if (!emit && since !== null) caughtUp(relative, isDir, since);
      if (isDir) {
        if (emit) options.onEvent("addDir", relative);
        queue.push(relative);
      } else if (emit) options.onEvent("add", relative);
    }
  };

  /** Start-up walk after reportSince(): an entry changed since then was written before its folder was watched. */
  const caughtUp = (relative: string, isDir: boolean, sinceMs: number) => {
    const stat = lstat(relative);
    if (!stat || stat.ctimeMs < sinceMs - CLOCK_SLACK_MS) return;
    const born = stat.birthtimeMs > 0 && stat.birthtimeMs >= sinceMs - CLOCK_SLACK_MS;
    // A new folder's contents are caught up when the walk lists them; a folder's own ctime says nothing more.
    if (isDir) return born ? options.onEvent("addDir", relative) : undefined;
    options.onEvent(born ? "add" : "change", relative);
  };

  const openAll = (dir: string, emit: boolean) => {
    const queue = [dir];
    while (queue.length) open(queue.pop()!, emit, queue);
  };

  /** Drops a folder and everything under it, reporting what was there. */
  const drop = (dir: string, emit: boolean) => {
    const folder = folders.get(dir);
    if (folder) {
      folder.watcher.close();
      folders.delete(dir);
      for (const [name, isDir] of folder.entries) {
        if (isDir) drop(join(dir, name), emit);
        else if (emit) options.onEvent("unlink", join(dir, name));
      }
    }
    if (emit) options.onEvent("unlinkDir", dir);
  };

  const settle = (dir: string, folder: Folder, name: string) => {
    const relative = join(dir, name);
    if (options.ignored(relative)) return;
    const stat = lstat(relative);
    const was = folder.entries.get(name);
    if (!stat) {
      if (was === undefined) return;
      folder.entries.delete(name);
      if (was) drop(relative, true);
      else options.onEvent("unlink", relative);
      return;
    }
    const isDir = stat.isDirectory();
    if (was === true && !isDir) drop(relative, true);
    if (was === false && isDir) options.onEvent("unlink", relative);
    folder.entries.set(name, isDir);
    if (isDir) {
      if (was === true) return;
      options.onEvent("addDir", relative);
      openAll(relative, true);
    } else options.onEvent(was === false ? "change" : "add", relative);
  };

  const changed = (dir: string, name: string | null) => {
    const folder = folders.get(dir);
    if (closed || !folder) return;
    if (name !== null) return settle(dir, folder, name);
    // No name given: compare the whole folder with what was known.
    let names: string[] = [];
    try {
      names = fs.readdirSync(path.join(root, dir));
    } catch {
      // removed: its parent's event reports it
    }
    for (const child of new Set([...names, ...folder.entries.keys()])) settle(dir, folder, child);
  };

  const ready = new Promise<void>((resolve) => {
    const queue = [""];
    const step = () => {
      for (let done = 0; queue.length && done < BATCH; done += 1) open(queue.pop()!, false, queue);
      if (queue.length && !closed) setImmediate(step);
      else resolve();
    };
    step();
  });

  return {
    ready,
    watchedDirs: () => folders.size,
    reportSince(ms) {
      since = ms;
    },
    close() {
      closed = true;
      for (const folder of folders.values()) folder.watcher.close();
      folders.clear();
    },
  };
}

// Where sessions' private object stores live, and reading them without following anything a session planted:
// every directory is opened with O_NOFOLLOW and its children are opened through /proc/self/fd/<dir fd>, so a
// symlink swapped in for a folder or a file is never followed, and FIFOs or devices are never read.
import fs from "node:fs";
import path from "node:path";

export const STORES_DIR = "hs-objects";
export const SHARED_VIEW = ".shared";
const IMPORTED_DIR = ".imported";

export const storesRoot = (commonDir: string) => path.join(commonDir, STORES_DIR);
export const privateStore = (commonDir: string, sessionId: string) => path.join(storesRoot(commonDir), sessionId);
export const importStateFile = (commonDir: string, sessionId: string) => path.join(storesRoot(commonDir), IMPORTED_DIR, `${sessionId}.json`);

const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK, O_DIRECTORY } = fs.constants;

export interface SafeDir {
  fd: number;
  /** A path that resolves to the opened directory itself, whatever happens to its name meanwhile. */
  via: string;
  close(): void;
}

/** Opens a directory without following a symlink; null when it is missing or not a directory. */
export function openDir(dir: string): SafeDir | null {
  let fd: number;
  try {
    fd = fs.openSync(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
  } catch {
    return null;
  }
  return { fd, via: `/proc/self/fd/${fd}`, close: () => fs.closeSync(fd) };
}

export function openChildDir(parent: SafeDir, name: string): SafeDir | null {
  return openDir(path.join(parent.via, name));
}

/** Reads a regular file inside `parent` (never a symlink, FIFO or device); null otherwise. */
export function readChildFile(parent: SafeDir, name: string, maxBytes: number): Buffer | null {
  let fd: number;
  try {
    fd = fs.openSync(path.join(parent.via, name), O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return null;
    const buffer = Buffer.alloc(stat.size);
    let offset = 0;
    while (offset < stat.size) {
      const read = fs.readSync(fd, buffer, offset, stat.size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return buffer.subarray(0, offset);
  } finally {
    fs.closeSync(fd);
  }
}

/** name -> "mtime:ctime:size:ino" of each entry (lstat, not followed): a cheap "did anything change" signature. */
export function entrySignature(dir: SafeDir, names: readonly string[]): string {
  return names
    .map((name) => {
      try {
        const stat = fs.lstatSync(path.join(dir.via, name));
        return `${name}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.size}:${stat.ino}`;
      } catch {
        return `${name}:gone`;
      }
    })
    .join("\n");
}

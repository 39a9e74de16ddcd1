// File access inside a session worktree from the host: never through a symlink the session planted.
// Parents are checked with lstat, files opened with O_NOFOLLOW, and the opened descriptor's real path is
// checked to lie inside the worktree (closing the race between the check and the open).
import fs from "node:fs";
import path from "node:path";

export class WorktreeFs {
  private readonly dirs = new Map<string, boolean>();
  constructor(readonly root: string) {}

  /** True when every folder from the root down to `relative`'s parent is a real folder (no symlink). */
  parentsAreReal(relative: string): boolean {
    const slash = relative.lastIndexOf("/");
    if (slash < 0) return true;
    // Most files share their folder with the previous one: a known-real parent settles it at once.
    if (this.dirs.get(relative.slice(0, slash)) === true) return true;
    const parts = relative.split("/").slice(0, -1);
    let current = "";
    for (const part of parts) {
      current = current ? `${current}/${part}` : part;
      let known = this.dirs.get(current);
      if (known === undefined) {
        try {
          known = fs.lstatSync(path.join(this.root, current)).isDirectory();
        } catch {
          known = false;
        }
        this.dirs.set(current, known);
      }
      if (!known) return false;
    }
    return true;
  }

  lstat(relative: string): fs.Stats | undefined {
    if (!this.parentsAreReal(relative)) return undefined;
    try {
      return fs.lstatSync(path.join(this.root, relative), { bigint: false });
    } catch {
      return undefined;
    }
  }

  private inside(fd: number, relative: string): boolean {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === path.join(this.root, relative);
    } catch {
      return false;
    }
  }

  /** A regular file's bytes, or undefined when it is not a regular file reached without symlinks. */
  readFile(relative: string): Buffer | undefined {
    if (!this.parentsAreReal(relative)) return undefined;
    let fd: number;
    try {
      fd = fs.openSync(path.join(this.root, relative), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
    } catch {
      return undefined;
    }
    try {
      if (!fs.fstatSync(fd).isFile() || !this.inside(fd, relative)) return undefined;
      return fs.readFileSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  readLink(relative: string): string | undefined {
    if (!this.parentsAreReal(relative)) return undefined;
    try {
      return fs.readlinkSync(path.join(this.root, relative));
    } catch {
      return undefined;
    }
  }

  /** Creates missing parent folders (refusing symlinked ones) and writes a file or symlink in place. */
  write(relative: string, mode: string, content: Buffer): boolean {
    const parts = relative.split("/").slice(0, -1);
    let current = "";
    for (const part of parts) {
      current = current ? `${current}/${part}` : part;
      const full = path.join(this.root, current);
      const stat = fs.lstatSync(full, { throwIfNoEntry: false });
      if (!stat) fs.mkdirSync(full);
      else if (!stat.isDirectory()) {
        if (stat.isSymbolicLink() || stat.isFile()) fs.unlinkSync(full);
        else return false;
        fs.mkdirSync(full);
      }
      this.dirs.set(current, true);
    }
    const full = path.join(this.root, relative);
    const existing = fs.lstatSync(full, { throwIfNoEntry: false });
    if (existing && (existing.isSymbolicLink() || mode === "120000")) fs.unlinkSync(full);
    else if (existing?.isDirectory()) fs.rmSync(full, { recursive: true, force: true });
    if (mode === "120000") {
      fs.symlinkSync(content.toString("utf8"), full);
      return true;
    }
    const fd = fs.openSync(full, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_NOFOLLOW, 0o644);
    try {
      if (!this.inside(fd, relative)) return false;
      fs.ftruncateSync(fd, 0);
      fs.writeSync(fd, content);
      fs.fchmodSync(fd, mode === "100755" ? 0o755 : 0o644);
      return true;
    } finally {
      fs.closeSync(fd);
    }
  }

  remove(relative: string): void {
    if (!this.parentsAreReal(relative)) return;
    const full = path.join(this.root, relative);
    const stat = fs.lstatSync(full, { throwIfNoEntry: false });
    if (stat && !stat.isDirectory()) fs.unlinkSync(full);
  }
}

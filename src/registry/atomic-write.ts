// The one atomic file write: a temporary sibling, then a rename over the target, so a reader sees the old
// file or the new one and never half of either. `durable` also flushes the data first (governance records).
import fs from "node:fs";
import path from "node:path";

export interface AtomicWriteOptions {
  /** File mode, applied to the temporary file before the rename (the umask does not narrow it). */
  mode?: number;
  /** fsync before the rename: for records people commit, not for files regenerated at every start. */
  durable?: boolean;
}

export function writeFileAtomic(file: string, data: string | Buffer, options: AtomicWriteOptions = {}): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const mode = options.mode ?? 0o644;
  // Exclusive create: a temp name planted in advance (a symlink, in a folder a session can write) is never followed.
  fs.rmSync(temp, { force: true });
  const fd = fs.openSync(temp, "wx", mode);
  try {
    fs.writeSync(fd, typeof data === "string" ? Buffer.from(data, "utf8") : data);
    fs.fchmodSync(fd, mode);
    if (options.durable) fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

export function writeJsonAtomic(file: string, value: unknown, options: AtomicWriteOptions = {}): void {
  writeFileAtomic(file, JSON.stringify(value, null, 2) + "\n", options);
}

// Reading a file of a worktree the host may not trust: never through a symlink (not the file, not a folder on the
// way), never outside the worktree, regular files only, and never more than `max` bytes.
import fs from "node:fs";
import path from "node:path";
import { realResolve } from "../ops/paths.ts";

export type WorktreeRead =
  | { kind: "file"; data: Buffer; size: number; truncated: boolean }
  | { kind: "missing" | "symlink" | "special" | "outside" };

/** A repository-relative path without `..`, absolute parts, NUL or a leading `:` (pathspec magic). */
export function isPlainRelative(rel: string): boolean {
  if (!rel || rel.includes("\0") || path.isAbsolute(rel) || rel.startsWith(":")) return false;
  return rel.split("/").every((part) => part !== ".." && part !== "" && part !== ".");
}

export function readWorktreeFile(root: string, rel: string, max: number): WorktreeRead {
  if (!isPlainRelative(rel)) return { kind: "outside" };
  const realRoot = realResolve(root);
  const parent = path.dirname(rel);
  // Every folder on the way must be a real folder inside the worktree: a symlinked folder resolves elsewhere.
  if (realResolve(path.join(realRoot, parent)) !== path.join(realRoot, parent)) return { kind: "outside" };
  let fd: number;
  try {
    fd = fs.openSync(path.join(realRoot, rel), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: code === "ELOOP" ? "symlink" : code === "ENOENT" || code === "ENOTDIR" ? "missing" : "special" };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { kind: "special" };
    const buffer = Buffer.alloc(Math.min(stat.size, max));
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return { kind: "file", data: buffer.subarray(0, read), size: stat.size, truncated: stat.size > max };
  } finally {
    fs.closeSync(fd);
  }
}

/** Git's own test: a NUL in the first 8000 bytes. */
export function looksBinary(data: Buffer): boolean {
  return data.subarray(0, 8000).includes(0);
}

import { existsSync, lstatSync, realpathSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";

/**
 * Realpath of the longest existing prefix of `p`, with the non-existing rest appended lexically.
 * `p` is taken as the kernel would: `link/../x` climbs from the link's target, not from `link`'s
 * parent, so `..` is never normalised away before the symlinks before it are followed.
 */
export function fsRealpathLongestPrefix(p: string): string {
  const raw = isAbsolute(p) ? p : `${process.cwd()}/${p}`;
  const parts = raw.split("/");
  for (let k = parts.length; k >= 1; k--) {
    const head = parts.slice(0, k).join("/") || "/";
    try {
      return resolve(realpathSync.native(head), ...parts.slice(k).filter((s) => s !== ""));
    } catch {
      // Missing (or a dangling link, a loop, a file used as a directory): try a shorter prefix.
    }
  }
  return resolve(raw);
}

/** An absolute path built the way the kernel will walk it (no lexical `..` folding). */
export function rawJoin(base: string, p: string): string {
  return isAbsolute(p) ? p : `${base}/${p}`;
}

/** lstat-based existence: a dangling symlink exists. */
export function fsExists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return existsSync(p);
  }
}

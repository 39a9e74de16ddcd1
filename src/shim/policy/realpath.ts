import { existsSync, lstatSync, realpathSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * Realpath of the longest existing prefix of `p`, with the non-existing rest appended lexically.
 * A dangling symlink counts as existing but is not followed (its target is unknown to realpath).
 */
export function fsRealpathLongestPrefix(p: string): string {
  const abs = resolve(p);
  const rest: string[] = [];
  let cur = abs;
  for (;;) {
    try {
      return join(realpathSync(cur), ...rest.reverse());
    } catch {
      const parent = dirname(cur);
      if (parent === cur) return abs;
      rest.push(basename(cur));
      cur = parent;
    }
  }
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

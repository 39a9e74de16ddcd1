// Nested repositories and gitlinks in a session worktree: found from output hs already has, reported, never entered.
import fs from "node:fs";
import path from "node:path";

/**
 * From `status --porcelain=v1 -z` fields: untracked directories that hold a `.git` (checked with lstat, not
 * followed), and tracked entries git reports as gitlinks would need ls-files; see `gitlinkPaths`.
 */
export function nestedRepositories(worktree: string, statusFields: readonly string[]): string[] {
  const found: string[] = [];
  for (const field of statusFields) {
    if (!field.startsWith("?? ") || !field.endsWith("/")) continue;
    const dir = field.slice(3, -1);
    try {
      fs.lstatSync(path.join(worktree, dir, ".git"));
      found.push(dir);
    } catch {
      // an ordinary untracked folder
    }
  }
  return found;
}

/** Pure: gitlink entries (mode 160000) from `ls-files -s -z` or `ls-tree -r -z` output. */
export function gitlinkPaths(lsOutput: readonly string[]): string[] {
  return lsOutput.filter((entry) => entry.startsWith("160000 ")).map((entry) => entry.slice(entry.indexOf("\t") + 1));
}

import path from "node:path";

/** Worktree-relative POSIX path of `absolutePath`, or null when it is outside `root` (segment-aware). */
export function relativeToRoot(root: string, absolutePath: string): string | null {
  const rel = path.relative(path.resolve(root), path.resolve(absolutePath));
  if (rel === "") return "";
  if (path.isAbsolute(rel) || rel === ".." || rel.startsWith(`..${path.sep}`)) return null;
  return rel.split(path.sep).join("/");
}

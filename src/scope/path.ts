const NEEDS_WORK = /(^|\/)\.{1,2}(\/|$)|\/\/|^\/|\/$/;

/**
 * Canonical worktree-relative form of a path, or null when it is empty, absolute or climbs out of
 * the root. Lexical only: symlinks are the caller's business.
 */
export function canonicalRelativePath(relativePath: string): string | null {
  if (relativePath === "" || relativePath.includes("\0")) return null;
  if (!NEEDS_WORK.test(relativePath)) return relativePath;
  if (relativePath.startsWith("/")) return null;
  const out: string[] = [];
  for (const segment of relativePath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") out.push(segment);
    else if (out.pop() === undefined) return null;
  }
  return out.length === 0 ? null : out.join("/");
}

// Merge-back of a lock session into the branch checked out in the shared worktree. The session's files are
// already there (it wrote them in place and committed them on hs/<id>/work), so moving the target is a
// compare-and-swap of the ref plus the index entries of exactly the changed paths: the worktree is not
// touched, and the operator's and other sessions' uncommitted work elsewhere stays as it is.
import fs from "node:fs";
import path from "node:path";
import type { HostGit } from "./git.ts";
import { hostGit, splitZ } from "./git.ts";

export type Handback = { ok: true; paths: string[] } | { ok: false; reason: string; dirty?: string[] };

/** Paths whose content differs from `next` in the worktree, or whose index entry differs from `old`. */
export function handbackDirt(git: HostGit, worktree: string, old: string, next: string, paths: string[]): string[] {
  if (!paths.length) return [];
  const staged = splitZ(git.ok(["diff-index", "--cached", "--name-only", "-z", "--no-renames", old, "--", ...paths]));
  const wanted = new Map<string, string>();
  for (const line of splitZ(git.ok(["ls-tree", "-z", "--full-tree", next, "--", ...paths]))) {
    const [meta = "", file = ""] = line.split("\t");
    wanted.set(file, meta);
  }
  const dirty = new Set(staged);
  const regular: string[] = [];
  for (const file of paths) {
    const stat = fs.lstatSync(path.join(worktree, file), { throwIfNoEntry: false });
    const meta = wanted.get(file);
    // Symlinks and special files are never read by the host: handed back only when absent on both sides.
    if (!stat || !meta) {
      if (stat || meta) dirty.add(file);
    } else if (!stat.isFile() || !meta.startsWith("100")) dirty.add(file);
    else regular.push(file);
  }
  if (regular.length) {
    const hashes = git.ok(["hash-object", "--stdin-paths"], regular.join("\n") + "\n").trim().split("\n");
    regular.forEach((file, index) => {
      if (!wanted.get(file)?.includes(` ${hashes[index]}`)) dirty.add(file);
    });
  }
  return paths.filter((file) => dirty.has(file));
}

export function advanceSharedCheckout(worktree: string, ref: string, old: string, next: string, message: string): Handback {
  // Changed paths are file names, never patterns.
  const git = hostGit(worktree, { GIT_LITERAL_PATHSPECS: "1" });
  const head = git.run(["symbolic-ref", "-q", "HEAD"]).stdout.trim();
  if (head !== ref) return { ok: false, reason: `${worktree} no longer has ${ref} checked out (HEAD is ${head || "detached"})` };
  const paths = splitZ(git.ok(["diff", "--name-only", "-z", "--no-renames", old, next]));
  if (paths.some((file) => file.includes("\n"))) return { ok: false, reason: "a changed path contains a newline; apply it by hand", dirty: paths };
  const dirty = handbackDirt(git, worktree, old, next, paths);
  if (dirty.length) return { ok: false, reason: `the shared worktree does not hold exactly the merged content of: ${dirty.slice(0, 10).join(", ")}`, dirty };
  const moved = git.run(["update-ref", "-m", message, ref, next, old]);
  if (moved.code !== 0) return { ok: false, reason: moved.stderr.trim() || `git update-ref exited ${moved.code}` };
  if (paths.length) git.ok(["reset", "-q", next, "--pathspec-from-file=-", "--pathspec-file-nul"], paths.join("\0") + "\0");
  return { ok: true, paths };
}

// Finding the worktree that has a branch checked out, and moving it forward only through git and only when clean.
import fs from "node:fs";
import path from "node:path";
import type { HostGit } from "./git.ts";
import { hostGit, statusPaths } from "./git.ts";

/**
 * The operator's worktree that has `ref` checked out. Session worktrees are skipped: their HEAD is a file the
 * session writes, so a session pointing its HEAD at the target must not make merge-back update its checkout.
 */
export function worktreeWithBranch(git: HostGit, ref: string, sessionWorktrees: ReadonlySet<string>): string | null {
  let current: string | null = null;
  for (const line of git.ok(["worktree", "list", "--porcelain"]).split("\n")) {
    if (line.startsWith("worktree ")) current = line.slice("worktree ".length);
    else if (line === `branch ${ref}` && current && !sessionWorktrees.has(real(current))) return current;
  }
  return null;
}

function real(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Tracked changes only: untracked files are protected by git's own "would be overwritten" check. */
export function trackedChanges(worktree: string): string[] {
  return statusPaths(hostGit(worktree), "no").map((entry) => entry.path);
}

/**
 * Fast-forwards the checked-out branch from `old` to `next` with `merge --ff-only`: git updates files, index and
 * the ref together and verifies HEAD is still `old`, so a concurrent mover makes this fail instead of clobbering.
 */
export function fastForwardCheckout(worktree: string, old: string, next: string): { ok: true } | { ok: false; reason: string } {
  const git = hostGit(worktree);
  const head = git.run(["rev-parse", "HEAD"]).stdout.trim();
  if (head !== old) return { ok: false, reason: `HEAD of ${worktree} is ${head.slice(0, 12)}, expected ${old.slice(0, 12)}` };
  const result = git.run(["merge", "--ff-only", "--no-edit", "--quiet", next]);
  if (result.code !== 0) return { ok: false, reason: result.stderr.trim().split("\n")[0] ?? `git merge exited ${result.code}` };
  return { ok: true };
}

// Proof that nothing is lost before a worktree or branch is removed: no uncommitted or untracked files, and every
// commit is in the target by patch identity (`git cherry`), where a squash counts when the branch's combined diff
// has the same patch-id as a commit in the target. Never time-based.
import fs from "node:fs";
import type { HostGit } from "./git.ts";
import { hostGit, statusPaths } from "./git.ts";

export interface LostWork {
  dirty: Array<{ path: string; code: string }>;
  unmerged: Array<{ oid: string; subject: string }>;
  /** True when the unmerged commits are covered by a squash commit in the target. */
  squashMatched: boolean;
}

export function hasLoss(loss: LostWork): boolean {
  return loss.dirty.length > 0 || (loss.unmerged.length > 0 && !loss.squashMatched);
}

export function describeLoss(loss: LostWork): string[] {
  const lines = loss.dirty.map((entry) => `${entry.code === "??" ? "untracked" : "uncommitted"}: ${entry.path}`);
  if (!loss.squashMatched) for (const commit of loss.unmerged) lines.push(`unmerged commit: ${commit.oid.slice(0, 12)} ${commit.subject}`);
  return lines;
}

function patchIds(git: HostGit, patch: string): string[] {
  if (!patch.trim()) return [];
  return git.ok(["patch-id", "--stable"], patch).split("\n").filter(Boolean).map((line) => line.split(" ")[0] as string);
}

export function unmergedCommits(git: HostGit, target: string, head: string): { unmerged: LostWork["unmerged"]; squashMatched: boolean } {
  const cherry = git.ok(["cherry", "-v", target, head]).split("\n").filter((line) => line.startsWith("+ "));
  const unmerged = cherry.map((line) => {
    const [, oid, ...subject] = line.split(" ");
    return { oid: oid as string, subject: subject.join(" ") };
  });
  if (!unmerged.length) return { unmerged, squashMatched: false };
  const mergeBase = git.ok(["merge-base", target, head]).trim();
  const [combined] = patchIds(git, git.ok(["diff", "--no-ext-diff", "--binary", "--full-index", mergeBase, head]));
  const inTarget = new Set(patchIds(git, git.ok(["log", "-p", "--no-ext-diff", "--binary", "--full-index", "--no-merges", "--format=commit %H", `${mergeBase}..${target}`])));
  return { unmerged, squashMatched: combined !== undefined && inTarget.has(combined) };
}

/** `worktree` is the session's hardened runner (sessionGitOf), or null when there is no checkout to inspect. */
export function lostWork(repoRoot: string, worktree: HostGit | null, target: string, head: string | null): LostWork {
  const dirty = worktree && fs.existsSync(worktree.cwd) ? statusPaths(worktree, "all") : [];
  const { unmerged, squashMatched } = head ? unmergedCommits(hostGit(repoRoot), target, head) : { unmerged: [], squashMatched: false };
  return { dirty, unmerged, squashMatched };
}

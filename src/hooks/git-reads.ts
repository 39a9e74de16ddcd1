// The git reads the hooks need: one git process for the whole staged list, one for every new commit.
// The environment is the hook's own (GIT_DIR, GIT_INDEX_FILE: `commit -a` and `commit <path>` use a temporary index).
import { runGitSync } from "../git/index.ts";
import { HsError } from "../errors.ts";

/** Config that would change what these reads report is pinned on the command line. */
const PIN = ["-c", "diff.relative=false", "-c", "log.showSignature=false", "-c", "core.quotePath=false", "-c", "diff.ignoreSubmodules=none"];

export interface StagedChange {
  status: string;
  /** One path, or two for a rename or copy (source first). */
  paths: string[];
}

export function stagedChanges(cwd: string, env: NodeJS.ProcessEnv): StagedChange[] {
  const out = git(cwd, env, ["diff", "--cached", "--name-status", "-z", "-M", "--no-ext-diff", "--no-relative", "--ignore-submodules=none"]);
  const tokens = out.split("\0");
  const changes: StagedChange[] = [];
  for (let i = 0; i < tokens.length; ) {
    const status = tokens[i++] ?? "";
    if (!status) continue;
    const count = status.startsWith("R") || status.startsWith("C") ? 2 : 1;
    changes.push({ status, paths: tokens.slice(i, i + count) });
    i += count;
  }
  return changes;
}

/** Paths whose staged content differs from `rev` (no rename pairing: both sides count). */
export function pathsDifferingFrom(cwd: string, env: NodeJS.ProcessEnv, rev: string): Set<string> {
  const out = git(cwd, env, ["diff", "--cached", "--name-only", "-z", "--no-renames", "--no-ext-diff", "--no-relative", "--ignore-submodules=none", rev, "--"]);
  return new Set(out.split("\0").filter(Boolean));
}

export interface CommitChange {
  commit: string;
  /** Paths the commit itself changes: against its parent, or for a merge only paths that differ from every parent. */
  paths: string[];
}

/**
 * Every commit reachable from `include` but not from `exclude` or from any ref outside the session namespaces
 * (so the target's own commits, merged in or rebased onto, are not the session's changes). Session refs,
 * local (refs/heads/hs/...) and remote-tracking (refs/remotes/<remote>/hs/...), are not trusted: their
 * objects may also sit in another session's private store.
 * No rename detection: a rename shows as delete + add, so both sides are checked.
 */
export function newCommitChanges(cwd: string, env: NodeJS.ProcessEnv, include: string[], exclude: string[]): CommitChange[] {
  if (include.length === 0) return [];
  const args = ["log", "--format=%x01%H", "-z", "--name-status", "-c", "--no-renames", "--root", "--no-ext-diff", "--no-relative", ...include, "--not", ...exclude, "--exclude=refs/heads/hs/*", "--exclude=refs/remotes/*/hs/*", "--glob=refs/*", "--"];
  return parseLog(git(cwd, env, args));
}

export function parseLog(out: string): CommitChange[] {
  const tokens = out.split("\0");
  const commits: CommitChange[] = [];
  let current: CommitChange | undefined;
  for (let i = 0; i < tokens.length; ) {
    const token = (tokens[i++] ?? "").replace(/^\n/, "");
    if (!token) continue;
    if (token.startsWith("\x01")) {
      current = { commit: token.slice(1), paths: [] };
      commits.push(current);
      continue;
    }
    // a status token; the next token is its path, whatever bytes it holds
    const path = tokens[i++];
    if (current && path !== undefined) current.paths.push(path);
  }
  return commits;
}

/** refs/heads/<branch> checked out in this worktree, or undefined when HEAD is detached or unborn-less. */
export function checkedOutBranch(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  const result = runGitSync({ args: ["symbolic-ref", "-q", "HEAD"], cwd, env });
  return result.code === 0 ? result.stdout.trim() : undefined;
}

export function hasHead(cwd: string, env: NodeJS.ProcessEnv): boolean {
  return runGitSync({ args: ["rev-parse", "-q", "--verify", "HEAD^{commit}"], cwd, env }).code === 0;
}

/** Which of these object ids exist locally (pre-push: the remote's old tip may be unknown here). */
export function existingObjects(cwd: string, env: NodeJS.ProcessEnv, oids: string[]): Set<string> {
  if (oids.length === 0) return new Set();
  const out = git(cwd, env, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], oids.join("\n") + "\n");
  return new Set(out.split("\n").filter((line) => line.endsWith(" commit")).map((line) => line.split(" ")[0] as string));
}

function git(cwd: string, env: NodeJS.ProcessEnv, args: string[], input?: string): string {
  const result = runGitSync({ args: [...PIN, ...args], cwd, env, input });
  if (result.code !== 0) {
    throw new HsError("HS-GIT-FAILED", `git ${args[0]} failed in the hook (${result.code}): ${result.stderr.trim().split("\n")[0] ?? ""}`, {
      hint: "hs doctor",
      details: { args, exitCode: result.code, stderr: result.stderr },
    });
  }
  return result.stdout;
}

// Host-side git for merge-back. In the main repository: neutral config plus the same hardening as for session
// directories (session blobs flow through diff/log/merge-tree here). Against a session's worktree: only through
// `sessionGit` (src/git/session-git.ts), via `sessionGitOf`.
import {
  HARDENED_CONFIG_ARGS,
  commandNeutralizers,
  gitFailure,
  hardenSubcommand,
  neutralGitEnv,
  runGit,
  runGitSync,
  runGitSyncBuffer,
  sessionGit,
  type GitRunner,
  type SessionGitDir,
} from "../git/index.ts";
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";

export type HostGit = GitRunner;

const BASE_ENV = neutralGitEnv(process.env, {
  GIT_AUTHOR_NAME: process.env.GIT_AUTHOR_NAME ?? "hs merge-back",
  GIT_AUTHOR_EMAIL: process.env.GIT_AUTHOR_EMAIL ?? "hs@localhost",
  GIT_COMMITTER_NAME: process.env.GIT_COMMITTER_NAME ?? "hs merge-back",
  GIT_COMMITTER_EMAIL: process.env.GIT_COMMITTER_EMAIL ?? "hs@localhost",
  GIT_ATTR_NOSYSTEM: "1",
  GIT_NO_REPLACE_OBJECTS: "1",
});
const ARGS = [...HARDENED_CONFIG_ARGS, "-c", "merge.conflictStyle=diff3"];

// The main repository's config is the operator's; its program-naming keys are still turned off for session data.
const neutralizerCache = new Map<string, string[]>();
function mainNeutralizers(cwd: string, env: NodeJS.ProcessEnv): string[] {
  const cached = neutralizerCache.get(cwd);
  if (cached) return cached;
  const listed = runGitSync({ args: [...ARGS, "config", "--list", "--name-only", "-z"], cwd, env });
  const flags = listed.code === 0 ? commandNeutralizers(listed.stdout.split("\0")) : [];
  neutralizerCache.set(cwd, flags);
  return flags;
}

/** Git in a directory the operator owns (the main checkout, or a non-session worktree). */
export function hostGit(cwd: string, extraEnv: Record<string, string> = {}): HostGit {
  const ENV = { ...BASE_ENV, ...extraEnv };
  const full = (args: string[]) => [...ARGS, ...mainNeutralizers(cwd, ENV), ...hardenSubcommand(args)];
  return {
    cwd,
    ok(args, input) {
      const result = runGitSync({ args: full(args), cwd, env: ENV, input });
      if (result.code !== 0) throw gitFailure({ args, cwd }, result);
      return result.stdout;
    },
    run: (args, input) => runGitSync({ args: full(args), cwd, env: ENV, input }),
    buffer: (args, input) => runGitSyncBuffer({ args: full(args), cwd, env: ENV, input }),
    async: (args, limits) => runGit({ args: full(args), cwd, env: ENV, ...limits }),
  };
}

/** The registry's view of a session's checkout: the admin dir is derived from the common dir, never from `.git`. */
export function sessionGitDirOf(ws: Workspace, session: SessionRecord): SessionGitDir {
  return { id: session.id, worktree: session.worktree, gitDir: session.gitDir, commonDir: ws.loc.commonDir, lockMode: session.isolation === "lock" };
}

/** Hardened git against a session's worktree (see src/git/session-git.ts). */
export function sessionGitOf(ws: Workspace, session: SessionRecord): HostGit {
  return sessionGit(sessionGitDirOf(ws, session));
}

export function splitZ(text: string): string[] {
  const parts = text.split("\0");
  if (parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** `status --porcelain=v1 -z` -> paths (rename sources are dropped). */
export function statusPaths(git: HostGit, untracked: "all" | "no" = "all"): Array<{ path: string; code: string }> {
  const fields = splitZ(git.ok(["status", "--porcelain=v1", "-z", `--untracked-files=${untracked}`]));
  const out: Array<{ path: string; code: string }> = [];
  for (let index = 0; index < fields.length; index += 1) {
    const field = fields[index] as string;
    const code = field.slice(0, 2);
    out.push({ path: field.slice(3), code });
    if (code.includes("R") || code.includes("C")) index += 1;
  }
  return out;
}

// What a version.* or context.search request acts on: the main checkout (`main`) or one session's worktree.
// Session worktrees are hostile: every git there goes through the hardened runner (src/git/session-git.ts).
// The main checkout is the operator's own; reads still use neutral config (hostGit), commits use the operator's git.
import { HsError } from "../errors.ts";
import type { GitRunner } from "../git/index.ts";
import { sessionGit } from "../git/index.ts";
import { hostGit, sessionGitDirOf } from "../merge/git.ts";
import { getSession, type SessionRecord } from "../registry/sessions.ts";
import type { Workspace } from "../registry/workspace.ts";
import type { Access } from "../ops/guard.ts";
import fs from "node:fs";

export const MAIN_TARGET = "main";
/** gate_requests.session_id for requests about the main checkout: never a valid session id. */
export const MAIN_REQUEST_SESSION = "(main)";

export interface VcsTarget {
  name: string;
  kind: "main" | "session";
  root: string;
  session?: SessionRecord;
  /** Host-side git for this target; `env` adds variables (GIT_INDEX_FILE for a temporary index). */
  git(env?: Record<string, string>): GitRunner;
}

export function resolveTarget(ws: Workspace, name: string): VcsTarget {
  if (name === MAIN_TARGET) {
    return { name, kind: "main", root: ws.loc.mainRoot, git: (env = {}) => hostGit(ws.loc.mainRoot, { GIT_LITERAL_PATHSPECS: "1", ...env }) };
  }
  const session = getSession(ws, name);
  if (session.closedAt || !fs.existsSync(session.worktree)) {
    throw new HsError("HS-WORKTREE-GONE", `session '${session.id}' has no worktree any more (${session.worktree})`, { hint: `hs session show ${session.id}` });
  }
  const dir = sessionGitDirOf(ws, session);
  return { name, kind: "session", root: session.worktree, session, git: (env = {}) => sessionGit(dir, { GIT_LITERAL_PATHSPECS: "1", ...env }) };
}

/** Reads: a session sees itself, its descendants and the main checkout (its sandbox can read that too). */
export function readAccess(target: string): Access {
  return target === MAIN_TARGET ? { who: "anyone" } : { who: "session-tree", session: target };
}

export const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

/** HEAD's commit, or undefined in a repository without commits. */
export function headOf(git: GitRunner): string | undefined {
  return git.run(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"]).stdout.trim() || undefined;
}

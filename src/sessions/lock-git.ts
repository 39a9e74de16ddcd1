// A lock session's own git dir: it commits on hs/<id>/work from the shared worktree without touching the
// shared HEAD or index. The dir lives under .handshake/sessions/<id>/git and is shaped like a linked
// worktree's admin dir (HEAD, index, commondir); inside the sandbox it is mounted over <worktree>/.git and
// the real common dir appears read-only at .handshake/sessions/<id>/common (see profile.ts lockGitMounts).
import fs from "node:fs";
import path from "node:path";
import { HsError } from "../errors.ts";
import { runGitSync } from "../git/index.ts";
import type { Workspace } from "../registry/workspace.ts";
import { sessionDir, type SessionRecord } from "../registry/sessions.ts";
import { sessionMarker, SESSION_MARKER } from "../registry/markers.ts";

export interface LockGitPaths {
  adminDir: string;
  /** Where the common dir is mounted inside the sandbox; the admin dir's commondir file names it. */
  commonView: string;
}

export function lockGitPaths(ws: Workspace, id: string): LockGitPaths {
  const dir = sessionDir(ws, id);
  return { adminDir: path.join(dir, "git"), commonView: path.join(dir, "common") };
}

/** Files in the admin dir the session may read but never write (a worktree config could turn hooks off). */
export const LOCK_ADMIN_READ_ONLY = [SESSION_MARKER, "commondir", "config", "config.worktree"] as const;

function hostEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("GIT_") && key !== "HS_SESSION_ID") env[key] = value;
  return { ...env, ...extra };
}

/** Creates hs/<id>/work at the shared branch's commit; the caller removes it if registration fails. */
export function createLockBranch(mainRoot: string, id: string, baseRev: string): string {
  const branch = `hs/${id}/work`;
  const made = runGitSync({ args: ["branch", branch, baseRev], cwd: mainRoot, env: hostEnv() });
  if (made.code !== 0) {
    throw new HsError(/already exists/.test(made.stderr) ? "HS-SESSION-EXISTS" : "HS-GIT-FAILED", `git branch ${branch} failed: ${made.stderr.trim()}; nothing was registered`, {
      hint: `git branch --list 'hs/${id}/*'   (or pick another --id)`,
    });
  }
  return branch;
}

export function removeLockBranch(mainRoot: string, branch: string): void {
  runGitSync({ args: ["branch", "-D", branch], cwd: mainRoot, env: hostEnv() });
}

/** Writes the admin dir: HEAD on the session branch, an index of the base commit, the marker hooks read. */
export function writeLockGitDir(ws: Workspace, session: SessionRecord): LockGitPaths {
  const paths = lockGitPaths(ws, session.id);
  const { adminDir, commonView } = paths;
  for (const dir of [adminDir, path.join(adminDir, "logs"), path.join(adminDir, "hs"), commonView]) fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(adminDir, "HEAD"), `ref: refs/heads/${session.branch}\n`);
  fs.writeFileSync(path.join(adminDir, "commondir"), `${commonView}\n`);
  for (const name of ["config", "config.worktree"]) fs.writeFileSync(path.join(adminDir, name), "");
  fs.writeFileSync(path.join(adminDir, SESSION_MARKER), JSON.stringify(sessionMarker(ws, session), null, 2) + "\n");
  const env = hostEnv({ GIT_INDEX_FILE: path.join(adminDir, "index") });
  const read = runGitSync({ args: ["read-tree", session.baseRev ?? "HEAD"], cwd: session.worktree, env });
  if (read.code !== 0) throw new HsError("HS-GIT-FAILED", `git read-tree for session '${session.id}' failed: ${read.stderr.trim()}`, { hint: "hs doctor" });
  // Stat data from the shared worktree, so the session's first `git status` is not a full re-read.
  runGitSync({ args: ["update-index", "-q", "--refresh"], cwd: session.worktree, env });
  return paths;
}

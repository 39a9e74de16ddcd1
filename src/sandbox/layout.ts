// Gathers everything the bubblewrap profile needs from the workspace and the session, creating the
// host-side pieces first (ref namespace folders, private object store, socket mount point).
import fs from "node:fs";
import path from "node:path";
import micromatch from "micromatch";
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { listSessions, sessionDir } from "../registry/sessions.ts";
import { worktreesRoot } from "../registry/config-values.ts";
import { packageRoot } from "../package-root.ts";
import { prepareObjectStore } from "./objects.ts";
import { HsError } from "../errors.ts";
import { isWithin, type HomeMounts, type ProfileInput } from "./profile.ts";
import { lockWritablePaths } from "./lock-open.ts";
import { LOCK_ADMIN_READ_ONLY, lockGitPaths } from "../sessions/lock-git.ts";
import { realContains, realResolve } from "../ops/paths.ts";

export const INSIDE_SOCKET = "/tmp/.hs-host.sock";
const GIT_DIR_READ_ONLY = ["hs-session.json", "hs-lock-sessions.json", "commondir", "gitdir", "config.worktree", "locked"];

/** The static folder a glob starts with (`.GOV/**` -> `.GOV`), or "" when it starts with a pattern. */
export function globBase(glob: string): string {
  const base = micromatch.scan(glob).base;
  return base === "." ? "" : base.replace(/\/+$/, "");
}

function existing(paths: string[]): string[] {
  return [...new Set(paths)].filter((file) => fs.existsSync(file));
}

export interface LayoutInput {
  ws: Workspace;
  session: SessionRecord;
  socketHostPath: string;
  seccompFd: number | null;
  newSession: boolean;
  command: string[];
  cwd?: string;
  home?: HomeMounts | null;
}

export function sandboxLayout({ ws, session, socketHostPath, seccompFd, newSession, command, cwd, home }: LayoutInput): ProfileInput {
  const { loc, config } = ws;
  const dir = sessionDir(ws, session.id);
  const others = listSessions(ws)
    .filter((other) => other.id !== session.id && other.worktree !== session.worktree && !isWithin(other.worktree, session.worktree))
    .map((other) => other.worktree);
  const wtRoot = worktreesRoot(loc.mainRoot, config);
  // Other sessions' worktrees and their artifacts stay invisible; the profile binds the main checkout back if needed.
  const hidden = [wtRoot, ...others];
  const governance = config.governance_paths.map(globBase).filter(Boolean).map((base) => path.join(session.worktree, base));
  const readOnlyInWorktree = existing([path.join(session.worktree, ".git"), path.join(session.worktree, ".handshake"), ...governance]);
  const handshakeReadOnly = existing([path.join(dir, "bin"), path.join(dir, "host-bin"), path.join(dir, "git-global"), path.join(loc.handshakeDir, "gov")]);
  let refDirs: string[] = [];
  let objects: ProfileInput["objects"] = null;
  let lockGit: ProfileInput["lockGit"] = null;
  if (session.isolation === "worktree" || session.branch) {
    refDirs = [path.join(loc.commonDir, "refs", "heads", "hs", session.id), path.join(loc.commonDir, "logs", "refs", "heads", "hs", session.id)];
    for (const folder of refDirs) fs.mkdirSync(folder, { recursive: true });
    objects = prepareObjectStore(loc.commonDir, session.id, dir);
    // Pre-created empty so that the read-only bind below covers it: a session cannot give itself config.
    // (A lock session's gitDir is the shared one; its own config.worktree is made in lockGitLayout.)
    const worktreeConfig = path.join(session.gitDir, "config.worktree");
    if (session.isolation === "worktree" && !fs.existsSync(worktreeConfig)) fs.writeFileSync(worktreeConfig, "");
  }
  if (session.isolation === "lock" && session.branch) lockGit = lockGitLayout(ws, session);
  const writableScopeDirs = session.isolation === "lock" ? lockWritablePaths(session.id, session.worktree, session.scope) : [];
  return {
    isolation: session.isolation,
    worktree: session.worktree,
    gitDir: session.gitDir,
    commonDir: loc.commonDir,
    mainRoot: loc.mainRoot,
    handshakeDir: loc.handshakeDir,
    packageRoot: packageRoot(),
    hidden: [...new Set(hidden)],
    readOnlyInWorktree,
    readOnlyInGitDir: session.isolation === "worktree" ? existing(GIT_DIR_READ_ONLY.map((name) => path.join(session.gitDir, name))) : [],
    handshakeReadOnly,
    refDirs,
    objects,
    lockGit,
    writableScopeDirs,
    socket: { host: socketHostPath, inside: INSIDE_SOCKET },
    home: home ?? null,
    seccompFd,
    newSession,
    // realpath first: `<wt>/../main-repo` or a symlink in the worktree is not a cwd inside the session
    cwd: cwd && realContains(session.worktree, cwd) ? realResolve(cwd) : session.worktree,
    command,
  };
}

/** A lock session's own git dir over <worktree>/.git, the shared common dir read-only beside it. */
function lockGitLayout(ws: Workspace, session: SessionRecord): NonNullable<ProfileInput["lockGit"]> {
  const { adminDir, commonView } = lockGitPaths(ws, session.id);
  if (!fs.existsSync(path.join(adminDir, "HEAD"))) {
    throw new HsError("HS-SANDBOX-UNAVAILABLE", `session '${session.id}' has no git dir of its own at ${adminDir}; it does not run`, { hint: `hs session show ${session.id}` });
  }
  for (const name of LOCK_ADMIN_READ_ONLY) if (!fs.existsSync(path.join(adminDir, name))) fs.writeFileSync(path.join(adminDir, name), "");
  const hooks = path.join(ws.loc.commonDir, "hs");
  return {
    adminDir,
    commonView,
    readOnly: LOCK_ADMIN_READ_ONLY.map((name) => path.join(adminDir, name)),
    hsDir: fs.existsSync(hooks) ? hooks : null,
  };
}

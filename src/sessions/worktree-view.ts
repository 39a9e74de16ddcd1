// Host-side views of a session worktree (hs session status / diff). The worktree and its git admin dir
// belong to the session, so everything goes through the hardened session runner (src/git/session-git.ts):
// registered git dir and work tree, neutral config, every command-naming key (filters, textconv, external
// diff, fsmonitor, hooks) overridden, submodules ignored, admin files checked first.
import fs from "node:fs";
import { HsError } from "../errors.ts";
import { sessionGit, type GitRunner } from "../git/index.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import type { Workspace } from "../registry/workspace.ts";

export function worktreeGit(ws: Workspace, session: SessionRecord): GitRunner {
  if (!fs.existsSync(session.worktree)) {
    throw new HsError("HS-WORKTREE-GONE", `session '${session.id}' has no worktree any more (${session.worktree})`, { hint: `hs session show ${session.id}` });
  }
  return sessionGit({ id: session.id, worktree: session.worktree, gitDir: session.gitDir, commonDir: ws.loc.commonDir, lockMode: session.isolation === "lock" });
}

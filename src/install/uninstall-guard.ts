// What hs uninstall would walk away from: sessions not yet closed, with their state and any work not in their
// target. Read-only; the CLI refuses without --force when the list is not empty.
import fs from "node:fs";
import type { RepoLocation } from "../registry/locate.ts";
import { indexPath } from "../registry/workspace-index.ts";

export interface OpenSession {
  id: string;
  state: string;
  worktree: string | null;
  lost: string[];
}

export async function openSessions(loc: RepoLocation): Promise<OpenSession[]> {
  if (!fs.existsSync(`${loc.handshakeDir}/workspace.json`) || !fs.existsSync(indexPath(loc.handshakeDir))) return [];
  const { openWorkspace } = await import("../registry/workspace.ts");
  const { listSessions } = await import("../registry/sessions.ts");
  const { hostGit, sessionGitOf } = await import("../merge/git.ts");
  const { sessionBranches } = await import("../merge/close.ts");
  const { targetRefOf } = await import("../merge/collect.ts");
  const { describeLoss, lostWork } = await import("../merge/lost-work.ts");
  const ws = openWorkspace(loc.mainRoot);
  try {
    const git = hostGit(loc.mainRoot);
    return listSessions(ws).map((session) => {
      const worktree = session.isolation === "worktree" && fs.existsSync(session.worktree) ? session.worktree : null;
      // the session's worktree is read only through the hardened runner
      const inWorktree = worktree ? sessionGitOf(ws, session) : null;
      const branches = sessionBranches(git, session.id);
      const target = branches.length ? targetRefOf(session, undefined) : "";
      const losses = branches.length ? branches.map((branch, i) => lostWork(loc.mainRoot, i === 0 ? inWorktree : null, target, branch.oid)) : [lostWork(loc.mainRoot, inWorktree, target, null)];
      return { id: session.id, state: session.state, worktree, lost: losses.flatMap(describeLoss) };
    });
  } finally {
    ws.close();
  }
}

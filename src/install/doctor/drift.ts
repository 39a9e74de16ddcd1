// Registry vs `git worktree list`: live sessions whose worktree vanished, hs/* worktrees the registry does not know.
import fs from "node:fs";
import type { SessionRecord } from "../../registry/sessions.ts";
import type { GitWorktree } from "./worktrees.ts";
import { problem, type Finding } from "./finding.ts";

const LIVE = new Set(["created", "active", "paused", "blocked"]);

/** Pure: compares what the registry believes with what git reports. */
export function registryDrift(sessions: SessionRecord[], worktrees: GitWorktree[], exists: (file: string) => boolean = fs.existsSync): Finding[] {
  const findings: Finding[] = [];
  const byPath = new Map(worktrees.map((tree) => [tree.path, tree]));
  for (const session of sessions) {
    if (session.isolation !== "worktree" || !LIVE.has(session.state)) continue;
    const tree = byPath.get(session.worktree);
    if (!tree || tree.prunable || !exists(session.worktree)) {
      findings.push(
        problem(
          "REGISTRY-WORKTREE-MISSING",
          `session ${session.id} (${session.state}) points at ${session.worktree}, which git does not list as a worktree`,
          "the session cannot run or hand work back; its branch may still hold work",
          `hs session cancel ${session.id} --reason 'worktree vanished'   (its branch ${session.branch ?? "-"} is kept)`,
        ),
      );
    }
  }
  const known = new Set(sessions.map((session) => session.worktree));
  for (const tree of worktrees) {
    const id = tree.branch?.match(/^refs\/heads\/hs\/([^/]+)\//)?.[1];
    if (id === undefined || known.has(tree.path)) continue;
    findings.push(
      problem(
        "WORKTREE-UNKNOWN",
        `worktree ${tree.path} is on ${tree.branch} but no session in the registry owns it`,
        "the index lost it (devcc.db deleted or restored from a backup)",
        "hs rebuild",
      ),
    );
  }
  return findings;
}

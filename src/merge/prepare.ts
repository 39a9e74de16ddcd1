// hs merge-back ID (dry run): collect, re-validate, write the artifact, block on violations or conflicts.
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { getSession, isTerminal, transitionSession } from "../registry/sessions.ts";
import { collectFacts, type MergeFacts } from "./collect.ts";
import { hostGit } from "./git.ts";
import { unmergedCommits } from "./lost-work.ts";
import { planMergeBack, type MergeBackPlan } from "./plan.ts";
import { writeArtifact, type WrittenArtifact } from "./artifact.ts";
import { insertArtifactRow, recordBlocked, recordPrepared } from "./record.ts";
import { sha256 } from "./artifact.ts";
import { trace } from "../trace.ts";

export interface Prepared {
  facts: MergeFacts;
  plan: MergeBackPlan;
  artifact: WrittenArtifact | null;
}

export function prepareMergeBack(ws: Workspace, id: string, options: { into?: string } = {}): Prepared {
  const session = getSession(ws, id);
  // A cancelled or failed session keeps its branch and may still be merged back; a closed one has nothing left.
  if (session.closedAt) {
    throw new HsError("HS-SESSION-CLOSED", `session '${id}' was closed at ${session.closedAt}; there is nothing left to merge back`, { hint: "hs session list --all" });
  }
  trace("session read");
  const facts = collectFacts(ws, session, options.into);
  trace("facts collected");
  const empty = facts.head === facts.base || facts.mergeBase === facts.head || squashedAlready(ws, facts);
  const plan = planMergeBack({ dirtyFiles: facts.dirtyFiles, violations: facts.violations, conflicts: facts.conflicts, empty });
  if (plan.status === "dirty") {
    const shown = facts.dirtyFiles.slice(0, 20).join(", ") + (facts.dirtyFiles.length > 20 ? `, … (${facts.dirtyFiles.length} in all)` : "");
    throw new HsError("HS-MERGE-DIRTY", `session '${id}' has uncommitted or untracked files in ${session.worktree}: ${shown}`, {
      hint: `hs merge-back ${id}   # again, once they are committed inside the session or removed`,
      details: { files: facts.dirtyFiles },
    });
  }
  if (!plan.writeArtifact) return { facts, plan, artifact: null };
  trace("planned");
  const artifact = writeArtifact(ws, facts, { withConflicts: plan.writeConflictReport });
  trace("artifact written");
  insertArtifactRow(ws, facts, artifact, plan.transitionTo ? "blocked" : "prepared");
  recordPrepared(ws, facts, artifact, plan.status);
  trace("recorded");
  if (plan.transitionTo === "blocked") {
    const codes = [...new Set([...facts.violations.map((violation) => violation.code), ...(facts.conflicts.length ? ["HS-MERGE-CONFLICTS"] : [])])];
    const reason = plan.status === "conflicts" ? `${facts.conflicts.length} conflict(s) with ${facts.targetRef}` : `${facts.violations.length} violation(s): ${codes.join(", ")}`;
    const reportSha = artifact.conflictsSha256 ?? sha256(JSON.stringify(facts.violations));
    recordBlocked(ws, facts, { artifact: artifact.name, reason, report_sha256: reportSha, codes });
    moveUnlessTerminal(ws, id, "blocked", `merge-back: ${reason} (artifact ${artifact.name})`);
  }
  return { facts, plan, artifact };
}

/** Terminal states are sticky: a merge-back of a cancelled or failed session leaves its state as it is. */
export function moveUnlessTerminal(ws: Workspace, id: string, to: "blocked" | "completed", reason: string): void {
  if (!isTerminal(getSession(ws, id).state)) transitionSession(ws, id, to, reason, "human");
}

/** A squash apply of this session already reached the target (found by trailer, proven by patch identity). */
function squashedAlready(ws: Workspace, facts: MergeFacts): boolean {
  const git = hostGit(ws.loc.mainRoot);
  const trailer = `^Handshake-Session: ${facts.session.id.replace(/[.]/g, "\\.")}$`;
  const marked = git.ok(["log", "-1", "--format=%H", "--extended-regexp", `--grep=${trailer}`, `${facts.mergeBase}..${facts.targetOid}`]).trim();
  if (!marked) return false;
  const { unmerged, squashMatched } = unmergedCommits(git, facts.targetOid, facts.head);
  return unmerged.length === 0 || squashMatched;
}

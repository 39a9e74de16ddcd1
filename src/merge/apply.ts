// hs merge-back ID --apply: prepare (re-check against the current target), create the commit, compare-and-swap the target.
import { isGovernancePath } from "../scope/index.ts";
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { getSession as getFresh, listSessions, transitionSession } from "../registry/sessions.ts";
import { hostGit, type HostGit } from "./git.ts";
import { withTargetLock } from "./target-lock.ts";
import { collectFacts, revParse, type MergeFacts } from "./collect.ts";
import { planCommit, type Strategy } from "./plan.ts";
import { moveUnlessTerminal, prepareMergeBack, type Prepared } from "./prepare.ts";
import { crashPoint } from "./crash.ts";
import { fastForwardCheckout, trackedChanges, worktreeWithBranch } from "./checkout.ts";
import { lastArtifact, markApplied, recordApplied, recordBlocked } from "./record.ts";
import { APPROVAL_RULES, requireApproval } from "./approval.ts";
import { advanceSharedCheckout } from "./lock-handback.ts";
import { assertLandsAsShown } from "./land-check.ts";

export interface Applied extends Prepared {
  applied: { old: string; new: string; strategy: Strategy; worktree: string | null } | null;
  /** Set when the target moved since the last dry run; the apply re-checked against the new target. */
  movedSinceDryRun: { from: string; to: string } | null;
}

/** The access check (operator only, protected branches) is mergeBackOp's (merge/ops.ts). */
export function applyMergeBack(ws: Workspace, id: string, options: { into?: string; strategy: Strategy }): Applied {
  const previous = lastArtifact(ws, id);
  const prepared = prepareMergeBack(ws, id, options);
  const { facts, plan, artifact } = prepared;
  const movedSinceDryRun = previous && previous.target_oid !== facts.targetOid ? { from: previous.target_oid, to: facts.targetOid } : null;
  if (plan.status === "empty" && facts.head !== facts.base) {
    // Already in the target (e.g. an earlier apply was interrupted after moving it): finish the bookkeeping only.
    moveUnlessTerminal(ws, id, "completed", `already merged into ${facts.targetRef}`);
  }
  if (plan.status !== "clean" || !artifact) return { ...prepared, applied: null, movedSinceDryRun };

  const shape = planCommit({
    strategy: options.strategy,
    sessionId: id,
    artifact: artifact.name,
    target: facts.targetOid,
    targetRef: facts.targetRef,
    head: facts.head,
    mergeBase: facts.mergeBase,
    mergedTree: facts.mergeTree.tree,
    subjects: facts.commits.map((commit) => commit.subject),
  });
  if ("error" in shape) throw new HsError("HS-MERGE-NOT-FF", shape.error, { hint: `hs merge-back ${id} --apply --strategy merge` });

  if (ws.config.merge_back.require_approval) {
    requireApproval(ws, facts.session, {
      rule: APPROVAL_RULES.apply,
      argv: ["hs", "merge-back", id, "--apply", "--strategy", options.strategy, ...(options.into ? ["--into", options.into] : [])],
      reason: `merge session ${id} (${facts.commits.length} commit(s), ${facts.files.length} file(s)) into ${facts.targetRef}; artifact ${artifact.name}`,
      preview: [{ title: `files changed by ${id}`, entries: facts.files.slice(0, 50).map((file) => ({ kind: file.status, text: file.path })), truncated: facts.files.length > 50 }],
      code: "HS-MERGE-APPROVAL-REQUIRED",
    });
  }
  const git = hostGit(ws.loc.mainRoot);
  crashPoint("before-commit-tree");
  const next = shape.kind === "ff" ? facts.head : git.ok(["commit-tree", shape.tree, ...shape.parents.flatMap((parent) => ["-p", parent]), "-F", "-"], shape.message).trim();
  crashPoint("after-commit-tree");
  assertLandsAsShown(ws, git, facts, artifact, next);

  crashPoint("before-move");
  const checkout = withTargetLock(ws.loc.handshakeDir, facts.targetRef, () => moveTarget(ws, git, facts, id, artifact.name, next, options));
  crashPoint("after-update-ref");

  markApplied(ws, artifact.name, options.strategy, next);
  recordApplied(ws, facts, { artifact: artifact.name, strategy: options.strategy, old: facts.targetOid, new: next, worktree: checkout });
  crashPoint("after-record");
  moveUnlessTerminal(ws, id, "completed", `merged back into ${facts.targetRef} as ${next.slice(0, 12)} (${options.strategy})`);
  return { ...prepared, applied: { old: facts.targetOid, new: next, strategy: options.strategy, worktree: checkout }, movedSinceDryRun };
}

/** Lost the compare-and-swap: re-check against the target as it is now and report; never force. */
function targetMoved(ws: Workspace, id: string, ref: string, expected: string, into: string | undefined, why: string): HsError {
  const git = hostGit(ws.loc.mainRoot);
  const now = revParse(git, ref) ?? "(deleted)";
  let recheck = "";
  try {
    const facts = collectFacts(ws, getFresh(ws, id), into);
    recheck = facts.conflicts.length ? `re-check: ${facts.conflicts.length} conflict(s) against the new target` : "re-check: still merges cleanly against the new target";
  } catch (error) {
    recheck = `re-check failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  return new HsError("HS-MERGE-TARGET-MOVED", `${ref} moved from ${expected.slice(0, 12)} to ${now.slice(0, 12)} while applying (${why}); nothing was forced. ${recheck}`, {
    hint: `hs merge-back ${id}   (review), then: hs merge-back ${id} --apply`,
    details: { expected, actual: now, recheck },
  });
}

/** Inside the target lock: refuse a dirty checkout, then move the target by compare-and-swap. Returns the checkout updated, if any. */
function moveTarget(ws: Workspace, git: HostGit, facts: MergeFacts, id: string, artifactName: string, next: string, options: { into?: string; strategy: Strategy }): string | null {
  const sessionTrees = new Set(listSessions(ws).filter((s) => s.isolation === "worktree").map((s) => s.worktree));
  const checkout = worktreeWithBranch(git, facts.targetRef, sessionTrees);
  if (checkout && facts.session.isolation === "lock" && facts.session.worktree === checkout) {
    return lockHandback(ws, facts, { id, artifactName, next, into: options.into, message: `hs merge-back ${id} (${options.strategy})` });
  }
  if (checkout) {
    // hs itself rewrites governance records there (work packets, TASK_BOARD.md); a patch never touches governance
    // paths (re-validated above), so git's fast-forward keeps those local edits untouched.
    const dirty = trackedChanges(checkout).filter((file) => !isGovernancePath(file, ws.config.governance_paths));
    if (dirty.length) {
      const reason = `target ${facts.targetRef} is checked out in ${checkout} with uncommitted changes: ${dirty.slice(0, 10).join(", ")}`;
      recordBlocked(ws, facts, { artifact: artifactName, reason, report_sha256: null, codes: ["HS-MERGE-TARGET-DIRTY"] });
      moveUnlessTerminal(ws, id, "blocked", `merge-back: ${reason}`);
      throw new HsError("HS-MERGE-TARGET-DIRTY", reason, {
        hint: `commit or stash the changes in ${checkout} yourself, then: hs merge-back ${id} --apply`,
        details: { worktree: checkout, files: dirty, artifact: artifactName },
      });
    }
  }
  crashPoint("before-update-ref");
  const moved = checkout
    ? fastForwardCheckout(checkout, facts.targetOid, next)
    : ((result) => (result.code === 0 ? { ok: true as const } : { ok: false as const, reason: result.stderr.trim() }))(
        git.run(["update-ref", "-m", `hs merge-back ${id} (${options.strategy})`, facts.targetRef, next, facts.targetOid]),
      );
  if (!moved.ok) throw targetMoved(ws, id, facts.targetRef, facts.targetOid, options.into, moved.reason);

  return checkout;
}

/** A lock session's target is checked out in the worktree it shares: move the ref and the index entries only. */
function lockHandback(ws: Workspace, facts: MergeFacts, input: { id: string; artifactName: string; next: string; into?: string; message: string }): string {
  const worktree = facts.session.worktree;
  crashPoint("before-update-ref");
  const moved = advanceSharedCheckout(worktree, facts.targetRef, facts.targetOid, input.next, input.message);
  if (moved.ok) return worktree;
  if (!moved.dirty) throw targetMoved(ws, input.id, facts.targetRef, facts.targetOid, input.into, moved.reason);
  recordBlocked(ws, facts, { artifact: input.artifactName, reason: moved.reason, report_sha256: null, codes: ["HS-MERGE-TARGET-DIRTY"] });
  transitionSession(ws, input.id, "blocked", `merge-back: ${moved.reason}`, "human");
  throw new HsError("HS-MERGE-TARGET-DIRTY", moved.reason, {
    hint: `hs session run ${input.id} -- git status   (commit the session's remaining edits, or restore them), then: hs merge-back ${input.id} --apply`,
    details: { worktree, files: moved.dirty, artifact: input.artifactName },
  });
}

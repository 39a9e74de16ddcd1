// hs session close ID [--discard --reason TEXT]: backup refs first, then remove the worktree and hs/<id>/ branches —
// only when nothing would be lost, or when the operator discards explicitly.
import fs from "node:fs";
import path from "node:path";
import { BLOCKING, checkAdminDir } from "../git/index.ts";
import { verifiedHeads } from "./session-objects.ts";
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { getSession, isTerminal, markClosed, sessionDir, type SessionRecord } from "../registry/sessions.ts";
import { shQuote } from "../shim/shell-quote.ts";
import { hostGit, sessionGitOf, type HostGit } from "./git.ts";
import { describeLoss, hasLoss, lostWork, type LostWork } from "./lost-work.ts";
import { targetRefOf } from "./collect.ts";
import { APPROVAL_RULES, requireApproval } from "./approval.ts";
import { absorbSessionObjects } from "../sandbox/objects.ts";
import { homeLayerBytes, removeHomeLayer } from "../sandbox/home-layer.ts";
import { releaseSessionLocks } from "../sessions/locks.ts";
import { takeCheckpoint, thinClosedSession } from "../checkpoints/index.ts";
import { requireHandoff } from "../work/binding.ts";
import { SYSTEM, type Actor } from "../ops/actor.ts";

export interface CloseResult {
  session: string;
  discarded: boolean;
  backupRefs: Array<{ ref: string; oid: string; of: string }>;
  removedWorktree: string | null;
  deletedBranches: string[];
  lost: string[];
}

export function sessionBranches(git: HostGit, id: string): Array<{ ref: string; oid: string }> {
  return git
    .ok(["for-each-ref", "--format=%(objectname) %(refname)", `refs/heads/hs/${id}/`])
    .split("\n")
    .filter(Boolean)
    .map((line) => ({ oid: line.slice(0, line.indexOf(" ")), ref: line.slice(line.indexOf(" ") + 1) }));
}

const stamp = () => new Date().toISOString().replace(/[-:.]/g, "");

/** The access check (discarding is the operator's) is closeSessionOp's (merge/ops.ts). */
export function closeSession(ws: Workspace, id: string, options: { discard: boolean; reason?: string; noHandoff?: boolean; actor: Actor }): CloseResult {
  const session = getSession(ws, id);
  const sid = shQuote(id);
  if (session.closedAt) {
    throw new HsError("HS-SESSION-CLOSED", `session '${id}' was closed at ${session.closedAt}; its worktree and branches are gone`, { hint: "hs session list --all" });
  }
  if (!isTerminal(session.state)) {
    throw new HsError("HS-CLOSE-LIVE", `session '${id}' is ${session.state}; only finished sessions are closed (merge it back, or cancel it)`, {
      hint: `hs session cancel ${sid} --reason 'done with it'`,
    });
  }
  requireHandoff(ws, options.actor, { session, noHandoff: options.noHandoff, reason: options.reason });
  if (options.discard) {
    if (!options.reason?.trim()) throw new HsError("HS-USAGE", "--discard needs --reason TEXT (it is recorded)", { hint: `hs session close ${sid} --discard --reason 'not needed'` });
  }
  const git = hostGit(ws.loc.mainRoot);
  const branches = sessionBranches(git, id);
  // only branches are compared with the target (a lock session has neither branch nor target yet)
  const target = branches.length ? targetRefOf(session, undefined) : "";
  assertNotLocked(ws, session);
  verifiedHeads(ws, session, branches.map((branch) => branch.oid), target ? [target] : []);
  const worktree = session.isolation === "worktree" && fs.existsSync(session.worktree) ? session.worktree : null;
  const inWorktree = worktree ? sessionGitOf(ws, session) : null;
  const losses: LostWork[] = branches.map((branch, index) => lostWork(ws.loc.mainRoot, index === 0 ? inWorktree : null, target, branch.oid));
  if (!branches.length && inWorktree) losses.push(lostWork(ws.loc.mainRoot, inWorktree, target, null));
  const lost = losses.flatMap(describeLoss);
  if (losses.some(hasLoss) && !options.discard) {
    throw new HsError("HS-CLOSE-WOULD-LOSE", `closing '${id}' would lose work; nothing was removed:\n  ${lost.join("\n  ")}`, {
      hint: `hs merge-back ${sid}   # to throw it away instead: hs session close ${sid} --discard --reason 'not needed'`,
      details: { lost },
    });
  }
  if (options.discard && losses.some(hasLoss)) {
    requireApproval(ws, session, {
      rule: APPROVAL_RULES.discard,
      argv: ["hs", "session", "close", id, "--discard", "--reason", options.reason ?? ""],
      reason: `discard session ${id}: ${options.reason}`,
      preview: [{ title: "what would be lost (backup refs are written first)", entries: lost.slice(0, 50).map((text) => ({ kind: text.split(":")[0] ?? "lost", text })), truncated: lost.length > 50 }],
      code: "HS-MERGE-APPROVAL-REQUIRED",
    });
  }
  const backupRefs = writeBackups(ws, git, session, branches, worktree);
  // The last checkpoint keeps what a stash cannot (untracked files) for as long as retention allows.
  if (worktree) takeCheckpoint(ws, SYSTEM, { sessionId: id, trigger: "close" });
  // The sandbox wrote the session's objects to a private store; the backup refs must not depend on it.
  const imported = absorbSessionObjects(ws.loc.commonDir, id);
  const absorbed = imported.loose + imported.packs;
  let removedWorktree: string | null = null;
  if (worktree) {
    git.ok(["worktree", "remove", ...(options.discard ? ["--force", "--force"] : []), worktree]);
    removedWorktree = worktree;
    ws.record({ type: "worktree.removed", actor: "human", session_id: id, wp_id: session.wp, mt_id: session.mt, payload: { paths: [worktree], discarded: options.discard } });
  }
  if (!worktree && session.isolation === "worktree") git.run(["worktree", "prune"]); // its directory vanished earlier
  const deletedBranches: string[] = [];
  for (const branch of branches) {
    git.ok(["update-ref", "-d", branch.ref, branch.oid]);
    deletedBranches.push(branch.ref);
  }
  // The session's home layer (package caches, agent transcripts) goes with the session.
  const homeBytes = homeLayerBytes(sessionDir(ws, id));
  removeHomeLayer(sessionDir(ws, id));
  // A lock session's files stay in the shared worktree; its locks end with it.
  if (session.isolation === "lock") releaseSessionLocks(ws, session, `session closed${options.discard ? " (discarded)" : ""}`);
  const closed = ws.record({
    type: "session.closed",
    actor: "human",
    session_id: id,
    wp_id: session.wp,
    mt_id: session.mt,
    payload: { session_id: id, worktree: removedWorktree, branches: deletedBranches, backup_refs: backupRefs.map((backup) => backup.ref), objects_absorbed: absorbed, home_layer_bytes_removed: homeBytes, discarded: options.discard, reason: options.reason ?? null, lost },
  });
  // the event's own time, so that hs rebuild restores exactly this value
  markClosed(ws, id, closed.timestamp);
  thinClosedSession(ws, SYSTEM, id);
  return { session: id, discarded: options.discard, backupRefs, removedWorktree, deletedBranches, lost };
}

function writeBackups(ws: Workspace, git: HostGit, session: SessionRecord, branches: Array<{ ref: string; oid: string }>, worktree: string | null): CloseResult["backupRefs"] {
  const when = stamp();
  const backups: CloseResult["backupRefs"] = branches.map((branch) => ({ ref: `refs/hs-backup/${session.id}/${when}/${branch.ref.replace(`refs/heads/hs/${session.id}/`, "")}`, oid: branch.oid, of: branch.ref }));
  // Uncommitted tracked changes survive a discard as a stash-like commit (untracked files cannot be kept this way).
  if (worktree) {
    const stash = sessionGitOf(ws, session).run(["stash", "create", `hs close ${session.id}`]).stdout.trim();
    if (stash) backups.push({ ref: `refs/hs-backup/${session.id}/${when}/uncommitted`, oid: stash, of: worktree });
  }
  for (const backup of backups) {
    git.ok(["update-ref", "-m", `hs session close ${session.id}`, backup.ref, backup.oid, ""]);
    ws.record({ type: "backup_ref.created", actor: "human", session_id: session.id, wp_id: session.wp, mt_id: session.mt, payload: { ref: backup.ref, oid: backup.oid, of: backup.of } });
  }
  return backups;
}

/** `locked` in the admin dir is a file the session could create; hs never locks a session worktree. */
function assertNotLocked(ws: Workspace, session: SessionRecord): void {
  if (session.isolation !== "worktree" || !fs.existsSync(session.worktree)) return;
  const tampered = checkAdminDir(session.gitDir, ws.loc.commonDir, session.id).filter((finding) => BLOCKING.has(finding.kind) || finding.kind === "locked");
  if (!tampered.length) return;
  throw new HsError("HS-SESSION-ADMIN-TAMPERED", `session '${session.id}' git admin files were tampered with; nothing was removed: ${tampered.map((f) => `${path.basename(f.file)} ${f.detail}`).join("; ")}`, {
    hint: "hs doctor --fix",
    details: { findings: tampered },
  });
}

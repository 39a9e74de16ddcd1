// Collects the facts a merge-back decision needs. Reads git and the registry; writes nothing.
import fs from "node:fs";
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { isLive, listSessions, type SessionRecord } from "../registry/sessions.ts";
import { createGovernanceMatcher, createPathMatcher } from "../scope/index.ts";
import { hostGit, sessionGitOf, statusPaths, type HostGit } from "./git.ts";
import { changedPaths, fileChanges, netPaths, rangeHistory, type CommitInfo, type FileChange } from "./history.ts";
import { parseMergeTree, type MergeTreeResult } from "./merge-tree-parse.ts";
import { classifyConflicts, type ClassifiedConflict } from "./conflict-kinds.ts";
import { verifiedHeads } from "./session-objects.ts";
import { trace } from "../trace.ts";
import { gitlinkViolations, validateChanges, type Violation } from "./validate.ts";

export interface MergeFacts {
  session: SessionRecord;
  targetRef: string;
  targetOid: string;
  head: string;
  headTree: string;
  base: string;
  mergeBase: string;
  commits: CommitInfo[];
  files: FileChange[];
  dirtyFiles: string[];
  violations: Violation[];
  mergeTree: MergeTreeResult;
  conflicts: ClassifiedConflict[];
}

export function targetRefOf(session: SessionRecord, into: string | undefined): string {
  const name = into ?? session.target;
  if (!name) throw new HsError("HS-USAGE", `session '${session.id}' has no recorded target branch`, { hint: `hs merge-back ${session.id} --into main` });
  return name.startsWith("refs/") ? name : `refs/heads/${name}`;
}

export function sessionHeadRef(session: SessionRecord): string {
  if (!session.branch) {
    throw new HsError("HS-USAGE", `session '${session.id}' has no branch of its own (lock isolation commits in the shared worktree)`, {
      hint: `hs session show ${session.id}`,
    });
  }
  return session.branch.startsWith("refs/") ? session.branch : `refs/heads/${session.branch}`;
}

export function revParse(git: HostGit, rev: string): string | null {
  const result = git.run(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
  return result.code === 0 ? result.stdout.trim() : null;
}

export function runMergeTree(git: HostGit, ours: string, theirs: string): MergeTreeResult {
  const result = git.buffer(["merge-tree", "--write-tree", "-z", "--messages", ours, theirs]);
  if (result.code !== 0 && result.code !== 1) throw new HsError("HS-GIT-FAILED", `git merge-tree exited ${result.code}: ${result.stderr.trim()}`);
  return parseMergeTree(result.stdout);
}

function activeLocks(ws: Workspace, except: string): Array<{ sessionId: string; test: (path: string) => boolean }> {
  const live = new Set(listSessions(ws).filter((session) => isLive(session.state) && session.id !== except).map((session) => session.id));
  const rows = ws.db.prepare("SELECT session_id, glob FROM scope_locks WHERE released_at IS NULL").all() as Array<{ session_id: string; glob: string }>;
  return rows.filter((row) => live.has(row.session_id)).map((row) => ({ sessionId: row.session_id, test: createPathMatcher([row.glob]) }));
}

/**
 * The target's commit and the session ref's raw value in one rev-parse (both are full ref names, never options or
 * paths); when either is missing, one --verify each says which.
 */
function readRefs(git: HostGit, targetRef: string, headRef: string): { targetOid: string | null; headName: string | null } {
  const both = git.run(["rev-parse", `${targetRef}^{commit}`, headRef, "--"]);
  const [targetOid, headName] = both.stdout.trim().split("\n");
  if (both.code === 0 && targetOid && headName) return { targetOid, headName };
  const head = git.run(["rev-parse", "--verify", "--quiet", headRef]);
  return { targetOid: revParse(git, targetRef), headName: head.code === 0 ? head.stdout.trim() : null };
}

function targetTree(git: HostGit, oid: string): string {
  return git.ok(["rev-parse", `${oid}^{tree}`]).trim();
}

export function collectFacts(ws: Workspace, session: SessionRecord, into?: string): MergeFacts {
  const git = hostGit(ws.loc.mainRoot);
  const targetRef = targetRefOf(session, into);
  const headRef = sessionHeadRef(session);
  const { targetOid, headName } = readRefs(git, targetRef, headRef);
  if (!targetOid) throw new HsError("HS-USAGE", `target ${targetRef} does not exist`, { hint: `hs merge-back ${session.id} --into <existing branch>` });
  // The ref is the session's claim; its objects are read only once imported and complete (by content).
  if (headName) verifiedHeads(ws, session, [headName], [targetOid]);
  trace("heads verified");
  const peeled = headName ? git.run(["rev-parse", `${headName}^{commit}`, `${headName}^{tree}`]) : null;
  const [head, headTree] = peeled?.code === 0 ? peeled.stdout.trim().split("\n") : [];
  if (!head || !headTree) throw new HsError("HS-SESSION-NOT-FOUND", `session branch ${headRef} does not exist`, { hint: `hs prune` });
  const base = session.baseRev ?? targetOid;
  const dirtyFiles = fs.existsSync(session.worktree) && session.isolation === "worktree" ? statusPaths(sessionGitOf(ws, session)).map((entry) => entry.path) : [];
  const found = git.run(["merge-base", targetOid, head]);
  // Unrelated histories have no merge base; that is reported as HS-MERGE-BASE, and merge-tree is not attempted.
  const related = found.code === 0;
  const mergeBase = related ? found.stdout.trim() : base;
  // A merge base equal to base is an ancestor of head by definition: no second walk.
  const baseIsAncestor = related && (mergeBase === base || git.run(["merge-base", "--is-ancestor", base, head]).code === 0);
  // Commits already in the target (e.g. merged into the session to resolve a conflict) are not the session's work.
  const range = [head, `^${base}`, `^${targetOid}`];
  const { commits, touched } = rangeHistory(git, range);
  const files = fileChanges(git, base, head);
  const locks = activeLocks(ws, session.id);
  const inScope = createPathMatcher(session.scope);
  const violations = validateChanges({
    // The net diff from the merge base covers what merge commits brought in; from base it is the diff-tree above.
    touched: [...touched, ...(mergeBase === base ? changedPaths(files) : netPaths(git, mergeBase, head))],
    inScope,
    isGovernance: createGovernanceMatcher(ws.config.governance_paths),
    lockedBy: (path) => locks.find((lock) => lock.test(path))?.sessionId,
    baseIsAncestor,
    base,
  });
  violations.push(...gitlinkViolations(files));
  const mergeTree = related ? runMergeTree(git, targetOid, head) : { tree: targetTree(git, targetOid), entries: [], conflictedPaths: [], messages: [], notes: "unrelated histories" };
  return {
    session,
    targetRef,
    targetOid,
    head,
    headTree,
    base,
    mergeBase,
    commits,
    files,
    dirtyFiles,
    violations,
    mergeTree,
    conflicts: classifyConflicts(mergeTree),
  };
}

// hs rebuild: devcc.db is only an index. Sessions come back from their linkage files (found through
// .handshake/sessions/ and `git worktree list`), their scope and state from the tamper-evident Flight Recorder.
import fs from "node:fs";
import path from "node:path";
import { gitOk } from "../git/index.ts";
import type { Workspace } from "../registry/workspace.ts";
import { openFlightRecorder } from "../registry/flight-recorder.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { emptyFacts, foldEvent, type FrFacts } from "./rebuild-facts.ts";
import { restoreApprovals } from "../shim/approvals/restore.ts";
import { writeSessionMarker, refreshLockMarker } from "../registry/markers.ts";
import { immediate } from "../registry/sqlite.ts";
import { insertRowUnchecked } from "./insert.ts";
import { readLinkage, type Linkage } from "./linkage.ts";
import { reindexArtifacts } from "../merge/reindex.ts";

export interface RebuildReport {
  sessions: string[];
  locks: number;
  approvals: number;
  grants: number;
  artifacts: number;
  warnings: string[];
}

export function listWorktrees(mainRoot: string): string[] {
  return gitOk({ args: ["worktree", "list", "--porcelain"], cwd: mainRoot })
    .split("\n")
    .filter((line) => line.startsWith("worktree "))
    .map((line) => line.slice("worktree ".length));
}

function discoverLinkages(ws: Workspace, warnings: string[]): Map<string, { link: Linkage; file: string }> {
  const found = new Map<string, { link: Linkage; file: string }>();
  const candidates: string[] = [];
  const sessionsDir = path.join(ws.loc.handshakeDir, "sessions");
  if (fs.existsSync(sessionsDir)) for (const id of fs.readdirSync(sessionsDir)) candidates.push(path.join(sessionsDir, id, "session.json"));
  for (const worktree of listWorktrees(ws.loc.mainRoot)) candidates.push(path.join(worktree, ".handshake", "session.json"));
  for (const file of candidates) {
    if (!fs.existsSync(file)) continue;
    const link = readLinkage(file);
    if (!link) warnings.push(`${file}: not a readable hs linkage file; skipped`);
    else if (link.workspace_id !== ws.config.workspace_id) warnings.push(`${file}: belongs to workspace ${link.workspace_id}; skipped`);
    else if (!found.has(link.session_id)) found.set(link.session_id, { link, file });
  }
  return found;
}

function readFacts(ws: Workspace): FrFacts {
  const facts = emptyFacts();
  const fr = openFlightRecorder(ws.loc.handshakeDir);
  try {
    for (const event of fr.iterate()) foldEvent(facts, event);
  } finally {
    fr.close();
  }
  return facts;
}

export function rebuildIndex(ws: Workspace): RebuildReport {
  const warnings: string[] = [];
  const links = discoverLinkages(ws, warnings);
  const facts = readFacts(ws);
  const worktrees = new Set(listWorktrees(ws.loc.mainRoot).map((w) => (fs.existsSync(w) ? fs.realpathSync(w) : w)));
  const sessions: SessionRecord[] = [];
  for (const [id, { link, file }] of links) {
    const created = facts.created.get(id);
    const scope = (created?.scope as string[] | undefined) ?? link.scope;
    if (!created) warnings.push(`${id}: no session.created event in the Flight Recorder; scope taken from ${file}`);
    else if (JSON.stringify(scope) !== JSON.stringify(link.scope)) warnings.push(`${id}: linkage file scope differs from the recorded one; using the Flight Recorder's`);
    const worktree = path.resolve(ws.loc.mainRoot, link.worktree);
    const closedAt = facts.closed.get(id) ?? null;
    if (!closedAt && !worktrees.has(worktree)) warnings.push(`${id}: worktree ${worktree} is not in git worktree list (see hs doctor)`);
    const gitDir = fs.existsSync(worktree) ? fs.realpathSync(gitOk({ args: ["rev-parse", "--absolute-git-dir"], cwd: worktree }).trim()) : "";
    const state = facts.state.get(id);
    sessions.push({
      id, parent: link.parent_session_id, spawnDepth: link.spawn_depth, state: state?.to ?? "created", stateReason: state?.reason ?? "rebuilt",
      role: link.role, agent: link.agent, model: link.model, wp: link.wp_id, mt: link.mt_id, isolation: link.isolation, worktree, gitDir,
      branch: link.branch, target: link.target_branch, baseRev: link.base_rev, scope, budgets: link.budgets, commandsUsed: 0,
      degraded: link.degraded, degradedReason: link.degraded_reason, hostPid: null, workspaceId: link.workspace_id, createdAt: link.created_at, updatedAt: new Date().toISOString(), closedAt,
    });
  }
  // Parents before children, so the foreign key holds.
  sessions.sort((a, b) => a.spawnDepth - b.spawnDepth);
  let lockCount = 0;
  immediate(ws.db, () => {
    for (const session of sessions) insertRowUnchecked(ws, session);
    const insert = ws.db.prepare("INSERT INTO scope_locks (lock_id, session_id, glob, worktree_path, acquired_at) VALUES (?, ?, ?, ?, ?)");
    for (const session of sessions) {
      if (["completed", "failed", "cancelled"].includes(session.state) || session.closedAt) continue;
      for (const [lockId, glob] of facts.locks.get(session.id) ?? []) {
        insert.run(lockId, session.id, glob, session.worktree, session.createdAt);
        lockCount += 1;
      }
    }
  });
  for (const session of sessions) {
    if (!session.gitDir || session.closedAt) continue;
    if (session.isolation === "worktree") writeSessionMarker(ws, session);
    else refreshLockMarker(ws, session.worktree, session.gitDir);
  }
  const approvals = replayApprovals(ws, warnings);
  const artifacts = reindexArtifacts(ws);
  for (const name of artifacts.skipped) warnings.push(`artifact ${name}: unreadable provenance; not indexed`);
  ws.record({ type: "workspace.rebuilt", actor: "human", payload: { sessions: sessions.map((s) => s.id), locks: lockCount, approvals: approvals.requests, grants: approvals.grants, artifacts: artifacts.indexed, warnings } });
  return { sessions: sessions.map((s) => s.id), locks: lockCount, approvals: approvals.requests, grants: approvals.grants, artifacts: artifacts.indexed, warnings };
}

function replayApprovals(ws: Workspace, warnings: string[]): { requests: number; grants: number } {
  const fr = openFlightRecorder(ws.loc.handshakeDir);
  try {
    const restored = restoreApprovals(ws, fr.iterate());
    if (restored.skipped) warnings.push(`${restored.skipped} approval request(s) logged before events carried full rows; not restored`);
    return restored;
  } finally {
    fr.close();
  }
}

// hs prune: orphaned hs worktrees, registry entries whose worktree vanished, stale hs/<id>/ branches.
// --remove deletes what it lists only through the close guards (loss proof, backup ref first); a registry entry
// whose worktree vanished is closed like `hs session close`. Closed sessions are history, never orphans.
import fs from "node:fs";
import path from "node:path";
import type { Workspace } from "../registry/workspace.ts";
import { isTerminal, listSessions } from "../registry/sessions.ts";
import { hostGit, type HostGit } from "./git.ts";
import { readRegular, sessionGit } from "../git/index.ts";
import { describeLoss, hasLoss, lostWork } from "./lost-work.ts";
import { closeSession } from "./close.ts";
import { HsError } from "../errors.ts";
import { shQuote } from "../shim/shell-quote.ts";
import type { Actor } from "../ops/actor.ts";

export interface PruneItem {
  kind: "orphaned-worktree" | "vanished-worktree" | "stale-branch";
  path: string | null;
  ref: string | null;
  session: string | null;
  reason: string;
}

export interface PruneReport {
  items: PruneItem[];
  removed: Array<PruneItem & { backup: string | null }>;
  kept: Array<PruneItem & { lost: string[]; next: string | null }>;
}

interface WorktreeEntry {
  path: string;
  head: string | null;
  branch: string | null;
}

function listWorktrees(git: HostGit): WorktreeEntry[] {
  const entries: WorktreeEntry[] = [];
  for (const block of git.ok(["worktree", "list", "--porcelain"]).split("\n\n")) {
    const lines = block.split("\n");
    const worktree = lines.find((line) => line.startsWith("worktree "))?.slice(9);
    if (!worktree) continue;
    entries.push({ path: worktree, head: lines.find((line) => line.startsWith("HEAD "))?.slice(5) ?? null, branch: lines.find((line) => line.startsWith("branch "))?.slice(7) ?? null });
  }
  return entries;
}

const real = (file: string) => (fs.existsSync(file) ? fs.realpathSync(file) : path.resolve(file));

export function findPrunable(ws: Workspace): PruneItem[] {
  const git = hostGit(ws.loc.mainRoot);
  const sessions = listSessions(ws, { closed: true });
  const known = new Set(sessions.map((session) => real(session.worktree)));
  const worktreesRoot = real(path.resolve(ws.loc.mainRoot, ws.config.worktrees_dir));
  const items: PruneItem[] = [];
  for (const entry of listWorktrees(git).slice(1)) {
    const ours = entry.branch?.startsWith("refs/heads/hs/") || real(entry.path).startsWith(worktreesRoot + path.sep);
    if (ours && !known.has(real(entry.path))) items.push({ kind: "orphaned-worktree", path: entry.path, ref: entry.branch, session: null, reason: "hs worktree with no registry entry" });
  }
  for (const session of sessions) {
    if (!session.closedAt && session.isolation === "worktree" && !fs.existsSync(session.worktree)) {
      items.push({ kind: "vanished-worktree", path: session.worktree, ref: session.branch, session: session.id, reason: `registry entry (${session.state}) whose worktree is gone` });
    }
  }
  const byId = new Map(sessions.map((session) => [session.id, session]));
  for (const line of git.ok(["for-each-ref", "--format=%(refname)", "refs/heads/hs/"]).split("\n").filter(Boolean)) {
    const id = line.split("/")[3] ?? "";
    const session = byId.get(id);
    if (!session) items.push({ kind: "stale-branch", path: null, ref: line, session: null, reason: "branch of a session the registry does not know" });
    else if (session.closedAt) items.push({ kind: "stale-branch", path: null, ref: line, session: id, reason: `branch of session ${id}, closed at ${session.closedAt}` });
  }
  return items;
}

export function prune(ws: Workspace, options: { remove: boolean; target: string; actor: Actor }): PruneReport {
  const items = findPrunable(ws);
  const report: PruneReport = { items, removed: [], kept: [] };
  if (!options.remove) return report;
  const git = hostGit(ws.loc.mainRoot);
  const stamp = new Date().toISOString().replace(/[-:.]/g, "");
  for (const item of items) {
    if (item.kind === "vanished-worktree") {
      closeVanished(ws, options.actor, item, report);
      continue;
    }
    const inWorktree = item.path ? orphanGit(ws, item) : null;
    const head = item.ref ? git.run(["rev-parse", "--verify", "--quiet", item.ref]).stdout.trim() || null : inWorktree ? inWorktree.run(["rev-parse", "HEAD"]).stdout.trim() || null : null;
    let loss;
    try {
      loss = lostWork(ws.loc.mainRoot, inWorktree, options.target, head);
    } catch (error) {
      report.kept.push({ ...item, lost: [`not inspected: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`], next: null });
      continue;
    }
    if (hasLoss(loss)) {
      report.kept.push({ ...item, lost: describeLoss(loss), next: null });
      continue;
    }
    let backup: string | null = null;
    if (head) {
      backup = `refs/hs-backup/${item.session ?? "orphan"}/${stamp}/${(item.ref ?? path.basename(item.path ?? "worktree")).replace(/^refs\/heads\//, "")}`;
      git.ok(["update-ref", "-m", "hs prune", backup, head, ""]);
      ws.record({ type: "backup_ref.created", actor: "human", session_id: item.session, payload: { ref: backup, oid: head, of: item.ref ?? item.path } });
    }
    if (item.kind === "orphaned-worktree" && item.path) {
      git.ok(["worktree", "remove", item.path]);
      ws.record({ type: "worktree.removed", actor: "human", session_id: item.session, payload: { paths: [item.path], by: "hs prune" } });
    }
    if (item.ref && head) git.ok(["update-ref", "-d", item.ref, head]);
    report.removed.push({ ...item, backup });
  }
  git.ok(["worktree", "prune"]);
  return report;
}

/** The same guards as `hs session close`: a live session is left alone, lost work keeps it (with the way out). */
function closeVanished(ws: Workspace, actor: Actor, item: PruneItem, report: PruneReport): void {
  const session = listSessions(ws).find((candidate) => candidate.id === item.session);
  if (!session) return;
  const id = shQuote(session.id);
  if (!isTerminal(session.state)) {
    report.kept.push({ ...item, lost: [`session is ${session.state}`], next: `hs session cancel ${id} --reason 'worktree vanished'` });
    return;
  }
  try {
    const closed = closeSession(ws, session.id, { discard: false, actor });
    report.removed.push({ ...item, backup: closed.backupRefs[0]?.ref ?? null });
  } catch (error) {
    if (!(error instanceof HsError) || error.code !== "HS-CLOSE-WOULD-LOSE") throw error;
    report.kept.push({ ...item, lost: (error.details as { lost: string[] }).lost, next: error.hint ?? null });
  }
}

/** An orphaned worktree was a session's: inspect it only through the hardened runner, via its own admin dir. */
function orphanGit(ws: Workspace, item: PruneItem): HostGit | null {
  const root = path.join(ws.loc.commonDir, "worktrees");
  const want = path.join(real(item.path ?? ""), ".git");
  for (const name of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    const gitdir = readRegular(path.join(root, name, "gitdir"))?.trim();
    if (!gitdir || real(path.dirname(gitdir)) !== path.dirname(want)) continue;
    const id = item.ref?.match(/^refs\/heads\/hs\/([^/]+)\//)?.[1] ?? name;
    return sessionGit({ id, worktree: real(item.path ?? ""), gitDir: path.join(root, name), commonDir: ws.loc.commonDir });
  }
  return null;
}

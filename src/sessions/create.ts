// hs session create: checks first (nothing created on refusal), then the worktree or the locks, then the index.
import fs from "node:fs";
import path from "node:path";
import { HsError } from "../errors.ts";
import { withProgress } from "../progress.ts";
import { gitOk, runGitSync } from "../git/index.ts";
import { importSessionObjects } from "../git/object-import.ts";
import type { Workspace } from "../registry/workspace.ts";
import { worktreesRoot } from "../registry/config-values.ts";
import { currentBranch } from "../registry/project-rows.ts";
import { childrenOf, findSession, getSession, isLive, listSessions, sessionDir, type Isolation, type SessionBudgets, type SessionRecord, type SessionRole } from "../registry/sessions.ts";
import { writeLinkage, writeSessionMarker } from "../registry/markers.ts";
import { scopesMayOverlap } from "../scope/index.ts";
import { shQuote } from "../shim/shell-quote.ts";
import { checkSessionId, checkSpawn, generateSessionId, normalizeScope } from "./plan.ts";
import { acquireLocksAndInsert, insertSession } from "./insert.ts";
import { installSessionShim } from "../shim/install.ts";
import type { Actor as FrActor } from "../registry/event-types.ts";
import { createLockBranch, removeLockBranch, writeLockGitDir } from "./lock-git.ts";
import { assertLockScopeEnforceable } from "../sandbox/lock-open.ts";
import { recordBinding, resolveBinding } from "../work/binding.ts";

export interface CreateOptions {
  id?: string;
  scope: string[];
  wp?: string;
  mt?: string;
  role?: SessionRole;
  agent?: string;
  model?: string;
  isolation?: Isolation;
  parent?: string;
  target?: string;
  allowOverlap?: boolean;
  reason?: string;
  budgets?: SessionBudgets;
  noSandbox?: boolean;
  /** Resolved with realpath by the operation (sessions/ops.ts) before it gets here. */
  cwd: string;
  /** Who asked, for the Flight Recorder; the access check is createSessionOp's. */
  actor?: FrActor;
}

export interface CreateResult {
  session: SessionRecord;
  warnings: string[];
}

export async function createSession(ws: Workspace, options: CreateOptions): Promise<CreateResult> {
  const id = options.id ?? generateSessionId();
  checkSessionId(id);
  // Bound to a micro-task: the scope is the task's (an explicit --scope may only narrow it).
  const binding = resolveBinding(ws, { wp: options.wp, mt: options.mt, scope: options.scope });
  const scope = normalizeScope(binding.scope);
  const isolation = options.isolation ?? "worktree";
  if (options.allowOverlap) {
    if (!options.reason) throw new HsError("HS-USAGE", "--allow-overlap needs --reason TEXT", { hint: "hs session create … --allow-overlap --reason 'why both may write'" });
  }
  if (options.noSandbox && !options.reason) {
    throw new HsError("HS-USAGE", "--no-sandbox needs --reason TEXT (the waiver is logged and the session labelled degraded)", { hint: "hs session create … --no-sandbox --reason 'why'" });
  }
  if (findSession(ws, id)) throw new HsError("HS-SESSION-EXISTS", `session '${id}' already exists`, { hint: `hs session show ${id}` });
  const parent = options.parent ? getSession(ws, options.parent) : undefined;
  const depth = parent ? checkParent(ws, parent, scope) : 0;

  const now = new Date().toISOString();
  const base: Omit<SessionRecord, "worktree" | "gitDir" | "branch" | "target" | "baseRev"> = {
    id,
    parent: parent?.id ?? null,
    spawnDepth: depth,
    closedAt: null,
    state: "created",
    stateReason: "created",
    role: options.role ?? "coder",
    agent: options.agent ?? null,
    model: options.model ?? null,
    wp: binding.wp ?? parent?.wp ?? null,
    mt: binding.mt,
    isolation,
    scope,
    budgets: options.budgets ?? {},
    commandsUsed: 0,
    degraded: Boolean(options.noSandbox),
    degradedReason: options.noSandbox ? (options.reason ?? null) : null,
    hostPid: null,
    workspaceId: ws.config.workspace_id,
    createdAt: now,
    updatedAt: now,
  };
  const warnings: string[] = [];
  const session = isolation === "worktree" ? createWorktreeSession(ws, base, options, warnings) : createLockSession(ws, base, options);
  finishSession(ws, session, parent, options);
  recordBinding(ws, session);
  return { session, warnings };
}

function checkParent(ws: Workspace, parent: SessionRecord, scope: string[]): number {
  if (!isLive(parent.state)) {
    throw new HsError("HS-SESSION-TERMINAL", `parent '${parent.id}' is ${parent.state}`, { hint: "hs session list --state active" });
  }
  const active = childrenOf(ws, parent.id).filter((child) => isLive(child.state)).length;
  const check = checkSpawn(parent, active, scope, ws.config.spawn);
  ws.record({
    type: "session.spawn_requested",
    actor: "agent",
    session_id: parent.id,
    wp_id: parent.wp,
    payload: { requester_session_id: parent.id, child_role: "coder", spawn_depth: check.depth, spawn_mode: "SESSION_PERSISTENT" },
  });
  if (!check.ok && check.rejection) {
    ws.record({
      type: "session.spawn_rejected",
      actor: "system",
      session_id: parent.id,
      payload: { requester_session_id: parent.id, rejection_reason: check.rejection, spawn_depth: check.depth, active_children_count: active },
    });
    throw new HsError(check.rejection, check.message ?? check.rejection, {
      hint: check.rejection === "scope_wider_than_parent" ? `hs session show ${parent.id}   (narrow --scope to within the parent's)` : `hs session list   (cancel or finish a session of '${parent.id}' first)`,
      details: { accepted: false, rejection_reason: check.rejection },
    });
  }
  return check.depth;
}

function createWorktreeSession(ws: Workspace, base: Omit<SessionRecord, "worktree" | "gitDir" | "branch" | "target" | "baseRev">, options: CreateOptions, warnings: string[]): SessionRecord {
  const target = options.target ?? currentBranch(ws.loc.mainRoot);
  if (target === "HEAD") {
    throw new HsError("HS-WORKTREE-FAILED", "the main worktree is on a detached HEAD, so there is no branch to merge back into; nothing was registered", {
      hint: "hs session create --target main --scope 'src/**'   # or check out a branch in the main worktree first",
    });
  }
  // A child branching from its parent's branch: the parent's objects enter the shared store first, by content.
  const parentBranch = /^(?:refs\/heads\/)?hs\/([^/]+)\//.exec(target)?.[1];
  if (parentBranch) importSessionObjects(ws.loc.commonDir, parentBranch);
  const baseRev = runGitSync({ args: ["rev-parse", "--verify", "--quiet", `${target}^{commit}`], cwd: ws.loc.mainRoot });
  if (baseRev.code !== 0) {
    throw new HsError("HS-WORKTREE-FAILED", `target '${target}' has no commit to branch from; nothing was registered`, {
      hint: target === "HEAD" ? "git commit (the repository has no commits yet), then retry" : `git commit on ${target} first, or pass --target BRANCH`,
    });
  }
  const root = worktreesRoot(ws.loc.mainRoot, ws.config);
  const worktree = path.join(root, base.id);
  const branch = `hs/${base.id}/work`;
  fs.mkdirSync(root, { recursive: true });
  const add = withProgress(`git worktree add ${worktree}`, () =>
    runGitSync({ args: ["worktree", "add", "--quiet", "-b", branch, worktree, baseRev.stdout.trim()], cwd: ws.loc.mainRoot }),
  );
  if (add.code !== 0) {
    const raced = /already exists/.test(add.stderr);
    throw new HsError(raced ? "HS-SESSION-EXISTS" : "HS-WORKTREE-FAILED", `git worktree add failed: ${add.stderr.trim().split("\n")[0]}; nothing was registered`, {
      hint: raced ? `hs session show ${base.id}   (or pick another --id)` : "hs doctor",
      details: { stderr: add.stderr },
    });
  }
  const real = fs.realpathSync(worktree);
  setUpstream(ws, branch);
  const gitDir = fs.realpathSync(gitOk({ args: ["rev-parse", "--absolute-git-dir"], cwd: real }).trim());
  const session: SessionRecord = { ...base, worktree: real, gitDir, branch, target, baseRev: baseRev.stdout.trim() };
  try {
    insertSession(ws, session, () => (session.parent ? recheckParent(ws, session) : undefined));
  } catch (error) {
    // Lost a race after git succeeded: the fresh worktree holds no work, so removing it loses nothing.
    runGitSync({ args: ["worktree", "remove", "--force", real], cwd: ws.loc.mainRoot });
    runGitSync({ args: ["branch", "-D", branch], cwd: ws.loc.mainRoot });
    throw error;
  }
  for (const other of listSessions(ws).filter((s) => s.id !== session.id && isLive(s.state))) {
    const overlap = scopesMayOverlap(session.scope, other.scope);
    if (overlap.overlap) {
      warnings.push(`scope overlaps session '${other.id}' (e.g. ${overlap.example}); worktrees keep the edits apart, merge-back will report conflicts`);
      ws.record({ type: "session.scope_overlap", actor: "system", session_id: session.id, payload: { other_session_id: other.id, example: overlap.example, globs: overlap.globs } });
    }
  }
  return session;
}

/** Inside the sandbox the shared config is read-only (`push -u` fails), so tracking is set up here. */
function setUpstream(ws: Workspace, branch: string): void {
  const remotes = runGitSync({ args: ["remote"], cwd: ws.loc.mainRoot }).stdout.split("\n").filter(Boolean);
  const remote = remotes.includes("origin") ? "origin" : remotes[0];
  if (!remote) return;
  runGitSync({ args: ["config", `branch.${branch}.remote`, remote], cwd: ws.loc.mainRoot });
  runGitSync({ args: ["config", `branch.${branch}.merge`, `refs/heads/${branch}`], cwd: ws.loc.mainRoot });
}

function recheckParent(ws: Workspace, session: SessionRecord): void {
  const parent = getSession(ws, session.parent!);
  const active = childrenOf(ws, parent.id).filter((child) => isLive(child.state) && child.id !== session.id).length;
  const check = checkSpawn(parent, active, session.scope, ws.config.spawn);
  if (!check.ok && check.rejection) throw new HsError(check.rejection, check.message ?? check.rejection, { hint: "hs session list" });
}

function createLockSession(ws: Workspace, base: Omit<SessionRecord, "worktree" | "gitDir" | "branch" | "target" | "baseRev">, options: CreateOptions): SessionRecord {
  const worktree = fs.realpathSync(gitOk({ args: ["rev-parse", "--show-toplevel"], cwd: options.cwd }).trim());
  const gitDir = fs.realpathSync(gitOk({ args: ["rev-parse", "--absolute-git-dir"], cwd: options.cwd }).trim());
  if (base.parent) checkLockChildWorktree(ws, base.parent, worktree);
  if (!base.degraded) assertLockScopeEnforceable(base.id, base.scope);
  // Without a sandbox nothing could keep the session's git apart, and a linked worktree's .git is a file the
  // session's git dir cannot be mounted over: it commits on the shared branch (hooks check it).
  if (base.degraded || !fs.statSync(path.join(worktree, ".git")).isDirectory()) {
    const session: SessionRecord = { ...base, worktree, gitDir, branch: null, target: null, baseRev: null };
    acquireLocksAndInsert(ws, session, { allowOverlap: Boolean(options.allowOverlap), reason: options.reason }, () => (session.parent ? recheckParent(ws, session) : undefined));
    return session;
  }
  const target = currentBranch(worktree);
  const baseRev = runGitSync({ args: ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], cwd: worktree }).stdout.trim();
  if (target === "HEAD" || !baseRev) {
    throw new HsError("HS-WORKTREE-FAILED", `the shared worktree ${worktree} has no branch with a commit for the session's branch to start from; nothing was registered`, {
      hint: "git switch BRANCH   (or make a first commit), then retry",
    });
  }
  const branch = createLockBranch(worktree, base.id, baseRev);
  const session: SessionRecord = { ...base, worktree, gitDir, branch, target, baseRev };
  try {
    acquireLocksAndInsert(ws, session, { allowOverlap: Boolean(options.allowOverlap), reason: options.reason }, () =>
      session.parent ? recheckParent(ws, session) : undefined,
    );
  } catch (error) {
    removeLockBranch(worktree, branch); // still at the base commit: nothing of the session's is on it
    throw error;
  }
  writeLockGitDir(ws, session);
  return session;
}

/** A lock-mode child holds locks in its parent's own checkout, never in the main one or another session's. */
function checkLockChildWorktree(ws: Workspace, parentId: string, worktree: string): void {
  const parent = getSession(ws, parentId);
  if (fs.realpathSync(parent.worktree) === worktree) return;
  throw new HsError("HS-PATH-ESCAPE", `a lock-mode child of '${parentId}' must lock paths in ${parent.worktree}, not in ${worktree}; nothing was created`, {
    hint: `cd ${shQuote(parent.worktree)} && hs session create --parent ${parentId} --isolation lock --scope GLOB`,
    details: { parent_worktree: parent.worktree, requested: worktree },
  });
}

function finishSession(ws: Workspace, session: SessionRecord, parent: SessionRecord | undefined, options: CreateOptions): void {
  const dir = sessionDir(ws, session.id);
  writeLinkage(ws, session, dir);
  if (session.isolation === "worktree") writeSessionMarker(ws, session);
  installSessionShim(ws, session);
  if (session.isolation === "worktree") {
    ws.record({ type: "worktree.created", actor: "system", session_id: session.id, wp_id: session.wp, mt_id: session.mt, payload: { path: session.worktree, branch: session.branch, base_rev: session.baseRev, target: session.target } });
  }
  ws.record({
    type: "session.created",
    actor: options.actor ?? "human",
    session_id: session.id,
    wp_id: session.wp,
    mt_id: session.mt,
    payload: {
      session_id: session.id,
      model_id: session.model,
      backend: "none",
      role: session.role,
      agent: session.agent,
      wp_id: session.wp,
      mt_id: session.mt,
      memory_policy: "SESSION_SCOPED",
      spawn_depth: session.spawnDepth,
      parent_session_id: session.parent,
      isolation: session.isolation,
      scope: session.scope,
      worktree: session.worktree,
      branch: session.branch,
      target_branch: session.target,
      base_rev: session.baseRev,
      budgets: session.budgets,
      degraded: session.degraded,
      degraded_reason: session.degradedReason,
    },
  });
  if (session.degraded) {
    ws.record({ type: "sandbox.degraded", actor: "human", session_id: session.id, payload: { reason: session.degradedReason, waiver: "per-session --no-sandbox" } });
  }
  if (parent) {
    ws.record({ type: "session.spawn_accepted", actor: "system", session_id: parent.id, payload: { requester_session_id: parent.id, child_session_id: session.id, child_role: session.role, spawn_depth: session.spawnDepth } });
  }
}

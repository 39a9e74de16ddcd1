// The checkpoint verbs: take (the session host, pause and cancel call it), list, diff, restore, thin.
import fs from "node:fs";
import path from "node:path";
import type { Workspace } from "../registry/workspace.ts";
import { getSession, sessionDir, type SessionRecord } from "../registry/sessions.ts";
import { HsError } from "../errors.ts";
import { authorize } from "../ops/guard.ts";
import { frActor, type Actor } from "../ops/actor.ts";
import { checkpointSettings } from "../registry/config-values.ts";
import { privateStore } from "../sandbox/objects.ts";
import { liveChild } from "../sandbox/lifecycle.ts";
import { NEUTRAL_CONFIG_ARGS, neutralGitEnv, runGitSync, gitFailure, gitOk } from "../git/index.ts";
import { checkpointStore } from "./store.ts";
import { writeCheckpoint, snapshot, type CheckpointTarget } from "./snapshot.ts";
import { listCheckpoints } from "./refs.ts";
import { applyRestore, planRestore, restoreIndex } from "./restore.ts";
import { flattenTree } from "./read.ts";
import type { CheckpointMeta } from "./meta.ts";
import { thinCheckpoints } from "./thin.ts";

function storeOf(ws: Workspace): string {
  return checkpointStore(ws.loc.handshakeDir, ws.loc.commonDir);
}

function privateObjectsOf(ws: Workspace, session: SessionRecord): string | null {
  const store = privateStore(ws.loc.commonDir, session.id);
  return !session.degraded && fs.existsSync(store) ? store : null;
}

export function checkpointTarget(ws: Workspace, session: SessionRecord): CheckpointTarget {
  return {
    sessionId: session.id,
    worktree: session.worktree,
    gitDir: session.gitDir,
    commonDir: ws.loc.commonDir,
    store: storeOf(ws),
    privateObjects: privateObjectsOf(ws, session),
    stateDir: path.join(sessionDir(ws, session.id), "checkpoints"),
  };
}

function sessionHead(session: SessionRecord): string | null {
  try {
    const head = fs.readFileSync(path.join(session.gitDir, "HEAD"), "utf8").trim();
    return head.slice(0, 200);
  } catch {
    return null;
  }
}

/** Lock-mode sessions share one worktree with others and the operator: a whole-tree snapshot is not theirs. */
function checkpointable(session: SessionRecord): boolean {
  return session.isolation === "worktree" && fs.existsSync(session.worktree);
}

export function takeCheckpoint(ws: Workspace, actor: Actor, input: { sessionId: string; trigger: string }): CheckpointMeta | null {
  authorize(ws, actor, `session checkpoint ${input.sessionId}`, { who: "session-tree", session: input.sessionId });
  const session = getSession(ws, input.sessionId);
  if (!checkpointable(session) || !checkpointSettings(ws.config).enabled) return null;
  const meta = writeCheckpoint(checkpointTarget(ws, session), input.trigger, sessionHead(session));
  if (meta) {
    ws.record({
      type: "session_checkpoint_created",
      actor: frActor(actor),
      session_id: session.id,
      wp_id: session.wp,
      mt_id: session.mt,
      payload: { checkpoint_id: `${session.id}/${meta.n}`, n: meta.n, commit: meta.commit, trigger: meta.trigger, files: meta.files, changed: meta.changed.count, new_bytes: meta.new_bytes },
    });
  }
  return meta;
}

export function sessionCheckpoints(ws: Workspace, sessionId: string): CheckpointMeta[] {
  getSession(ws, sessionId);
  return listCheckpoints(storeOf(ws), sessionId);
}

function findCheckpoint(ws: Workspace, sessionId: string, n: number): CheckpointMeta {
  const found = sessionCheckpoints(ws, sessionId).find((meta) => meta.n === n);
  if (found) return found;
  throw new HsError("HS-CHECKPOINT-NOT-FOUND", `session ${sessionId} has no checkpoint ${n}`, {
    hint: `list them: hs session checkpoints ${sessionId}`,
    details: { session: sessionId, n },
  });
}

/** A patch from checkpoint n to the worktree as it is now (binary-safe, no textconv, no external diff). */
export function diffSinceCheckpoint(ws: Workspace, input: { sessionId: string; n: number }): string {
  const session = getSession(ws, input.sessionId);
  const meta = findCheckpoint(ws, session.id, input.n);
  const target = checkpointTarget(ws, session);
  const now = snapshot(target);
  const request = {
    args: [...NEUTRAL_CONFIG_ARGS, `--git-dir=${target.store}`, "diff-tree", "-r", "-p", "--binary", "--no-textconv", "--no-ext-diff", meta.tree, now.tree],
    cwd: target.store,
    env: neutralGitEnv(),
  };
  const result = runGitSync(request);
  if (result.code !== 0) throw gitFailure(request, result);
  return result.stdout;
}

export interface RestoreResult {
  restored: number;
  safety: CheckpointMeta | null;
  written: number;
  removed: number;
}

export function restoreCheckpoint(ws: Workspace, actor: Actor, input: { sessionId: string; n: number; paths: string[] }): RestoreResult {
  authorize(ws, actor, `session restore ${input.sessionId} --checkpoint ${input.n}`, { who: "operator" });
  const session = getSession(ws, input.sessionId);
  const meta = findCheckpoint(ws, session.id, input.n);
  if (liveChild(ws, session.id) && session.state !== "paused") {
    throw new HsError("HS-RESTORE-LIVE", `session ${session.id} is running; restoring under a running agent would race its writes`, {
      hint: `pause it first: hs session pause ${session.id}`,
      details: { session: session.id, state: session.state },
    });
  }
  // A restore is itself undoable: the state it replaces becomes a checkpoint first.
  const safety = takeCheckpoint(ws, actor, { sessionId: session.id, trigger: `before restore to checkpoint ${meta.n}` });
  const source = checkpointTarget(ws, session);
  const target = { worktree: session.worktree, gitDir: session.gitDir, commonDir: ws.loc.commonDir, store: source.store, privateObjects: source.privateObjects };
  const current = flattenTree(source.store, snapshot(source).tree);
  const plan = planRestore(flattenTree(source.store, meta.tree), current, input.paths);
  const applied = applyRestore(target, plan);
  restoreIndex(target, meta, input.paths);
  ws.record({
    type: "session_checkpoint_restored",
    actor: frActor(actor),
    session_id: session.id,
    wp_id: session.wp,
    mt_id: session.mt,
    payload: { checkpoint_id: `${session.id}/${meta.n}`, n: meta.n, paths: input.paths, written: applied.written, removed: applied.removed, safety_checkpoint: safety?.n ?? null },
  });
  return { restored: meta.n, safety, ...applied };
}

/** After close: thins the session's checkpoints to `checkpoints.keep_after_close`, keeping every sole copy. */
export function thinClosedSession(ws: Workspace, actor: Actor, sessionId: string): ReturnType<typeof thinCheckpoints> {
  authorize(ws, actor, `session close ${sessionId}`, { who: "operator" });
  const list = listCheckpoints(storeOf(ws), sessionId);
  const tips = gitOk({ args: [...NEUTRAL_CONFIG_ARGS, `--git-dir=${ws.loc.commonDir}`, "for-each-ref", "--format=%(objectname)", "refs/heads/"], cwd: ws.loc.commonDir, env: neutralGitEnv() });
  const branchTips = [...new Set(tips.split("\n").filter(Boolean))];
  const result = thinCheckpoints(storeOf(ws), sessionId, list, checkpointSettings(ws.config).keep_after_close, branchTips);
  if (result.deleted.length) {
    ws.record({ type: "session_checkpoint_pruned", actor: frActor(actor), session_id: sessionId, payload: { deleted: result.deleted, kept_as_sole_copy: result.kept_as_sole_copy } });
  }
  return result;
}

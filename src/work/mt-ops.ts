// Micro-task verbs. Registering and moving tasks is the operator's; a session may record iterations of a
// task it is bound to, for itself only.
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import { actorLabel, type Actor } from "../ops/actor.ts";
import { checkMtId, nextId } from "./ids.ts";
import { MT_SCHEMA_ID, type IterationOutcome, type MicroTask, type MtStatus } from "./mt-model.ts";
import { assertMtMove, mtMoveAllowed } from "./transitions.ts";
import { mtScope } from "./scope.ts";
import { findMt, getMt, getWp, indexedMts, refreshWorkIndex } from "./index-db.ts";
import { writeMt } from "./store.ts";
import { syncBoard, type BoardSync } from "./mirror.ts";
import { nowIso, recordWork, underWorkLock } from "./record.ts";
import { transitionWp } from "./wp-ops.ts";

export interface MtResult {
  mt: MicroTask;
  board: BoardSync;
}

function save(ws: Workspace, actor: Actor, mt: MicroTask): BoardSync {
  writeMt(ws, mt);
  refreshWorkIndex(ws, { force: true });
  return syncBoard(ws, actor);
}

export interface AddMtInput {
  wp: string;
  id?: string;
  name: string;
  modify: string[];
  create?: string[];
  read?: string[];
  doneCriteria?: string[];
  dependsOn?: string[];
}

export function addMt(ws: Workspace, actor: Actor, input: AddMtInput): MtResult {
  authorize(ws, actor, `mt add ${input.wp}`, { who: "operator" });
  const result = underWorkLock(ws, () => {
    const wp = getWp(ws, input.wp);
    if (wp.status === "done" || wp.status === "cancelled") {
      throw new HsError("HS-STATE-TRANSITION", `${wp.wp_id} is ${wp.status}; it takes no new micro-tasks`, { hint: `hs wp create --title '${wp.title} (follow-up)'` });
    }
    const all = indexedMts(ws);
    const id = input.id === undefined ? nextId("MT", all.map((mt) => mt.mt_id)) : checkMtId(input.id);
    if (findMt(ws, id)) throw new HsError("HS-WORK-EXISTS", `micro-task '${id}' already exists`, { hint: `hs mt show ${id}` });
    for (const dep of input.dependsOn ?? []) getMt(ws, dep);
    const now = nowIso();
    const mt: MicroTask = {
      schema_id: MT_SCHEMA_ID, record_kind: "micro_task", mt_id: id, wp_id: wp.wp_id, version: 1, name: input.name, status: "pending",
      files: { read: input.read ?? [], modify: input.modify, create: input.create ?? [] }, done_criteria: input.doneCriteria ?? [],
      depends_on: input.dependsOn ?? [], session_ids: [], active_session_ids: [], iterations: [], current_iteration: 0, status_reason: null,
      created_at: now, updated_at: now,
    };
    const scope = mtScope(mt);
    return { mt, scope, board: save(ws, actor, mt) };
  });
  const { mt } = result;
  recordWork(ws, actor, "micro_tasks_registered", { wp: mt.wp_id, mt: mt.mt_id }, { wp_id: mt.wp_id, mt_ids: [mt.mt_id], name: mt.name, files: mt.files, scope: result.scope, depends_on: mt.depends_on, board_sha256: result.board.sha256 });
  return { mt, board: result.board };
}

export type MtVerb = "start" | "done" | "fail" | "skip";
export const MT_VERB_TARGET = { start: "in_progress", done: "completed", fail: "failed", skip: "skipped" } as const satisfies Record<MtVerb, MtStatus>;

/** Pure: the moved record (table and task dependencies checked). */
export function planMtMove(mt: MicroTask, to: MtStatus, context: { all: MicroTask[]; reason?: string; now: string; session?: string }): MicroTask {
  assertMtMove(mt.mt_id, mt.status, to);
  if (to === "in_progress") {
    const open = mt.depends_on.filter((id) => !["completed", "skipped"].includes(context.all.find((other) => other.mt_id === id)?.status ?? ""));
    if (open.length) throw new HsError("HS-WORK-BLOCKED", `${mt.mt_id} waits for ${open.join(", ")}, not completed yet`, { hint: `hs mt show ${open[0]}`, details: { blockers: open } });
  }
  const finished = to === "completed" || to === "failed" || to === "skipped";
  const active = finished ? [] : context.session && !mt.active_session_ids.includes(context.session) ? [...mt.active_session_ids, context.session] : mt.active_session_ids;
  return { ...mt, status: to, status_reason: context.reason ?? null, active_session_ids: active, version: mt.version + 1, updated_at: context.now };
}

export function moveMt(ws: Workspace, actor: Actor, input: { id: string; verb: MtVerb; reason?: string }): MtResult {
  authorize(ws, actor, `mt ${input.verb} ${input.id}`, { who: "operator" });
  return transitionMt(ws, actor, input.id, MT_VERB_TARGET[input.verb], { reason: input.reason });
}

/** Also used when a bound session starts: moves the task (and a ready WP) to in_progress. */
export function transitionMt(ws: Workspace, actor: Actor, id: string, to: MtStatus, options: { reason?: string; session?: string } = {}): MtResult {
  const result = underWorkLock(ws, () => {
    const current = getMt(ws, id);
    const mt = planMtMove(current, to, { all: indexedMts(ws), reason: options.reason, now: nowIso(), session: options.session });
    return { mt, from: current.status, board: save(ws, actor, mt) };
  });
  const type = to === "in_progress" ? "mt_started" : to === "failed" ? "mt_failed" : to === "completed" || to === "skipped" ? "mt_completed" : "mt_iteration_completed";
  recordWork(ws, actor, type, { wp: result.mt.wp_id, mt: id, session: options.session }, { mt_id: id, wp_id: result.mt.wp_id, from_status: result.from, to_status: to, reason: options.reason ?? null, session_id: options.session ?? null, board_sha256: result.board.sha256 });
  if (to === "in_progress") {
    const wp = getWp(ws, result.mt.wp_id);
    if (wp.status === "ready" || wp.status === "blocked") transitionWp(ws, actor, wp.wp_id, "in_progress", `${id} started`);
  }
  return { mt: result.mt, board: result.board };
}

export interface IterateInput {
  id: string;
  outcome: IterationOutcome;
  session?: string;
  evidence?: string;
  summary?: string;
}

export function iterateMt(ws: Workspace, actor: Actor, input: IterateInput): MtResult {
  const session = input.session ?? (actor.kind === "session" ? actor.id : undefined);
  authorize(ws, actor, `mt iterate ${input.id} --outcome ${input.outcome}`, session ? { who: "self", session } : { who: "operator" });
  const result = underWorkLock(ws, () => {
    const current = getMt(ws, input.id);
    if (session && !current.session_ids.includes(session)) {
      throw new HsError("HS-MT-NOT-BOUND", `session '${session}' is not bound to ${input.id}`, { hint: `hs mt show ${input.id}`, details: { bound: current.session_ids } });
    }
    if (current.status !== "in_progress" && current.status !== "blocked") {
      throw new HsError("HS-STATE-TRANSITION", `${input.id} is ${current.status}; iterations are recorded while it is in progress`, { hint: `hs mt start ${input.id}` });
    }
    const now = nowIso();
    const to: MtStatus = input.outcome === "BLOCKED" ? "blocked" : "in_progress";
    const status = current.status === to || mtMoveAllowed(current.status, to) ? to : current.status;
    const iteration = { iteration: current.current_iteration + 1, outcome: input.outcome, session_id: session ?? null, evidence_ref: input.evidence ?? null, summary: input.summary ?? null, recorded_by: actorLabel(actor), created_at: now };
    const mt: MicroTask = { ...current, status, iterations: [...current.iterations, iteration], current_iteration: iteration.iteration, version: current.version + 1, updated_at: now };
    return { mt, from: current.status, iteration, board: save(ws, actor, mt) };
  });
  recordWork(ws, actor, "mt_iteration_completed", { wp: result.mt.wp_id, mt: input.id, session }, { mt_id: input.id, wp_id: result.mt.wp_id, ...result.iteration, from_status: result.from, to_status: result.mt.status, board_sha256: result.board.sha256 });
  return { mt: result.mt, board: result.board };
}

// Work packet verbs: (ws, actor, input) -> result. Operator-only writes; each records one event and
// regenerates the board mirror.
import crypto from "node:crypto";
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import { actorLabel, type Actor } from "../ops/actor.ts";
import { normalizeScope } from "../sessions/plan.ts";
import { checkWpId, nextId } from "./ids.ts";
import { WP_SCHEMA_ID, taskBoardStatus, type WorkPacket, type WorkPacketStatus } from "./wp-model.ts";
import { assertWpMove } from "./transitions.ts";
import { cycleWith, edgesOf, openBlockers } from "./deps.ts";
import { findWp, getWp, indexedMts, indexedWps, refreshWorkIndex } from "./index-db.ts";
import { writeWp } from "./store.ts";
import { syncBoard, type BoardSync } from "./mirror.ts";
import { nowIso, recordWork, underWorkLock } from "./record.ts";
import { appendNote, newNote, type NoteType } from "./notes.ts";

export interface WpResult {
  wp: WorkPacket;
  board: BoardSync;
}

const pendingGate = () => ({ status: "pending" as const, validated_at: null, validated_by: null, notes: null });

function save(ws: Workspace, actor: Actor, wp: WorkPacket): BoardSync {
  writeWp(ws, wp);
  refreshWorkIndex(ws, { force: true });
  return syncBoard(ws, actor);
}

export interface CreateWpInput {
  id?: string;
  title: string;
  type?: WorkPacket["type"];
  priority?: number;
  scope?: string[];
  description?: string;
  labels?: string[];
}

export function createWp(ws: Workspace, actor: Actor, input: CreateWpInput): WpResult {
  authorize(ws, actor, "wp create", { who: "operator" });
  if (!input.title.trim()) throw new HsError("HS-USAGE", "a work packet needs a --title", { hint: "hs wp create --title 'Checkout refuses empty carts'" });
  const result = underWorkLock(ws, () => {
    const id = input.id === undefined ? nextId("WP", indexedWps(ws).map((wp) => wp.wp_id)) : checkWpId(input.id);
    if (findWp(ws, id)) throw new HsError("HS-WORK-EXISTS", `work packet '${id}' already exists`, { hint: `hs wp show ${id}` });
    const now = nowIso();
    const wp: WorkPacket = {
      schema_id: WP_SCHEMA_ID, record_kind: "work_packet", wp_id: id, version: 1, title: input.title.trim(), description: input.description ?? "",
      status: "stub", task_board_status: "STUB", priority: input.priority ?? 2, type: input.type ?? "feature", labels: input.labels ?? [],
      scope: input.scope?.length ? normalizeScope(input.scope) : [], gates: { pre_work: pendingGate(), post_work: pendingGate() },
      dependencies: [], reporter: actorLabel(actor), status_reason: null, created_at: now, updated_at: now, started_at: null, completed_at: null,
    };
    return { wp, board: save(ws, actor, wp) };
  });
  const { wp } = result;
  recordWork(ws, actor, "work_packet_created", { wp: wp.wp_id }, { wp_id: wp.wp_id, title: wp.title, type: wp.type, priority: wp.priority, status: wp.status, scope: wp.scope, version: wp.version, board_sha256: result.board.sha256 });
  return result;
}

export type WpUpdate = Partial<Pick<WorkPacket, "title" | "description" | "priority" | "type" | "labels" | "scope">>;

export function updateWp(ws: Workspace, actor: Actor, input: { id: string; changes: WpUpdate }): WpResult {
  authorize(ws, actor, `wp update ${input.id}`, { who: "operator" });
  const changes = Object.fromEntries(Object.entries(input.changes).filter(([, value]) => value !== undefined)) as WpUpdate;
  if (!Object.keys(changes).length) throw new HsError("HS-USAGE", "nothing to update", { hint: `hs wp update ${input.id} --title 'new title'` });
  if (changes.scope) changes.scope = normalizeScope(changes.scope);
  const result = underWorkLock(ws, () => {
    const current = getWp(ws, input.id);
    const wp: WorkPacket = { ...current, ...changes, version: current.version + 1, updated_at: nowIso() };
    return { wp, board: save(ws, actor, wp) };
  });
  recordWork(ws, actor, "work_packet_updated", { wp: input.id }, { wp_id: input.id, changes, version: result.wp.version, board_sha256: result.board.sha256 });
  return result;
}

export type WpVerb = "ready" | "start" | "block" | "gate" | "done" | "cancel";
export const WP_VERB_TARGET = { ready: "ready", start: "in_progress", block: "blocked", gate: "gated", done: "done", cancel: "cancelled" } as const satisfies Record<WpVerb, WorkPacketStatus>;

/** The status change itself (pure over the records): checks the table, blockers and open micro-tasks. */
export function planWpMove(wp: WorkPacket, to: WorkPacketStatus, context: { all: WorkPacket[]; openMts: string[]; reason?: string; by: string; now: string }): WorkPacket {
  assertWpMove(wp.wp_id, wp.status, to);
  if (to === "in_progress" && wp.status !== "blocked") {
    const blockers = openBlockers(wp, context.all);
    if (blockers.length) {
      throw new HsError("HS-WORK-BLOCKED", `${wp.wp_id} waits for ${blockers.join(", ")}, not done yet`, { hint: `hs wp show ${blockers[0]}`, details: { blockers } });
    }
  }
  if ((to === "gated" || to === "done") && context.openMts.length) {
    throw new HsError("HS-WP-OPEN-MTS", `${wp.wp_id} still has open micro-tasks: ${context.openMts.join(", ")}`, {
      hint: `hs mt done ${context.openMts[0]}   (or: hs mt skip ${context.openMts[0]})`,
      details: { open: context.openMts },
    });
  }
  const gate = (status: "pass" | "fail" | "pending") => ({ status, validated_at: context.now, validated_by: context.by, notes: context.reason ?? null });
  const gates = { ...wp.gates };
  if (to === "in_progress" && wp.status === "ready") gates.pre_work = gate("pass");
  if (to === "in_progress" && wp.status === "gated") gates.post_work = gate("fail");
  if (to === "gated") gates.post_work = { ...gate("pending"), validated_at: null, validated_by: null };
  if (to === "done") gates.post_work = gate("pass");
  return {
    ...wp, status: to, task_board_status: taskBoardStatus(to), gates, status_reason: context.reason ?? null, version: wp.version + 1, updated_at: context.now,
    started_at: to === "in_progress" ? (wp.started_at ?? context.now) : wp.started_at,
    completed_at: to === "done" || to === "cancelled" ? context.now : wp.completed_at,
  };
}

export function moveWp(ws: Workspace, actor: Actor, input: { id: string; verb: WpVerb; reason?: string }): WpResult & { from: WorkPacketStatus } {
  authorize(ws, actor, `wp ${input.verb} ${input.id}`, { who: "operator" });
  if (input.verb === "block" && !input.reason?.trim()) throw new HsError("HS-USAGE", "blocking needs --reason TEXT", { hint: `hs wp block ${input.id} --reason 'waiting for the API keys'` });
  return transitionWp(ws, actor, input.id, WP_VERB_TARGET[input.verb], input.reason);
}

const NOTE_FOR = { stub: "system", ready: "plan", in_progress: "system", blocked: "blocker", gated: "gate", done: "gate", cancelled: "decision" } as const satisfies Record<WorkPacketStatus, NoteType>;

/** Also used when a bound session starts (actor system). Records one event: gated, completed, or updated. */
export function transitionWp(ws: Workspace, actor: Actor, id: string, to: WorkPacketStatus, reason?: string): WpResult & { from: WorkPacketStatus } {
  const result = underWorkLock(ws, () => {
    const current = getWp(ws, id);
    const openMts = indexedMts(ws, { wp: id }).filter((mt) => mt.status !== "completed" && mt.status !== "skipped").map((mt) => mt.mt_id);
    const wp = planWpMove(current, to, { all: indexedWps(ws), openMts, reason, by: actorLabel(actor), now: nowIso() });
    if (reason) appendNote(ws, newNote(id, actorLabel(actor), NOTE_FOR[to], `${current.status} -> ${to}: ${reason}`, wp.updated_at));
    return { wp, from: current.status, board: save(ws, actor, wp) };
  });
  const type = to === "gated" ? "work_packet_gated" : to === "done" ? "work_packet_completed" : "work_packet_updated";
  recordWork(ws, actor, type, { wp: id }, { wp_id: id, from_status: result.from, to_status: to, reason: reason ?? null, version: result.wp.version, gates: result.wp.gates, board_sha256: result.board.sha256 });
  return result;
}

export function dependWp(ws: Workspace, actor: Actor, input: { id: string; on: string }): WpResult {
  authorize(ws, actor, `wp depend ${input.id} --on ${input.on}`, { who: "operator" });
  const result = underWorkLock(ws, () => {
    const current = getWp(ws, input.id);
    getWp(ws, input.on);
    const cycle = cycleWith(edgesOf(indexedWps(ws)), { from: input.on, to: input.id });
    if (cycle) {
      throw new HsError("HS-DEPENDENCY-CYCLE", `${input.id} cannot depend on ${input.on}: that closes the cycle ${cycle.join(" -> ")}`, {
        hint: `hs wp show ${input.on}`,
        details: { cycle },
      });
    }
    if (current.dependencies.some((dep) => dep.from_wp_id === input.on)) return { wp: current, board: syncBoard(ws, actor), dependency_id: null };
    const dependency = { dependency_id: `dep_${crypto.randomUUID()}`, from_wp_id: input.on, to_wp_id: input.id, type: "blocks" as const, created_at: nowIso(), created_by: actorLabel(actor) };
    const wp: WorkPacket = { ...current, dependencies: [...current.dependencies, dependency], version: current.version + 1, updated_at: dependency.created_at };
    return { wp, board: save(ws, actor, wp), dependency_id: dependency.dependency_id };
  });
  recordWork(ws, actor, "dependency_added", { wp: input.id }, { dependency_id: result.dependency_id, from_wp_id: input.on, to_wp_id: input.id, type: "blocks", already_present: result.dependency_id === null });
  return { wp: result.wp, board: result.board };
}

export function syncBoardOp(ws: Workspace, actor: Actor): BoardSync {
  authorize(ws, actor, "wp board", { who: "operator" });
  const board = underWorkLock(ws, () => syncBoard(ws, actor));
  recordWork(ws, actor, "task_board_synced", {}, { path: board.path, sha256: board.sha256, previous_state: board.previous_state, hand_edit_ref: board.hand_edit_ref });
  return board;
}

export function noteWp(ws: Workspace, actor: Actor, input: { id: string; text: string; type?: NoteType }) {
  authorize(ws, actor, `wp note ${input.id}`, { who: "operator" });
  if (!input.text.trim()) throw new HsError("HS-USAGE", "a note needs text", { hint: `hs wp note ${input.id} --text 'what was decided and why'` });
  getWp(ws, input.id);
  const note = newNote(input.id, actorLabel(actor), input.type ?? "user", input.text, nowIso());
  appendNote(ws, note);
  recordWork(ws, actor, "work_packet_updated", { wp: input.id }, { wp_id: input.id, note_id: note.note_id, note_type: note.note_type, summary: note.summary });
  return note;
}

// Work packet status moves along the transition table, with the checks the table alone cannot express
// (open blockers, open micro-tasks) and the gate bookkeeping. One event per move.
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import { actorLabel, type Actor } from "../ops/actor.ts";
import { taskBoardStatus, type WorkPacket, type WorkPacketStatus } from "./wp-model.ts";
import { assertWpMove } from "./transitions.ts";
import { openBlockers } from "./deps.ts";
import { getWp, indexedMts, indexedWps } from "./index-db.ts";
import { nowIso, recordWork, underWorkLock } from "./record.ts";
import { appendNote, newNote, type NoteType } from "./notes.ts";
import { saveWp as save, type WpResult } from "./persist.ts";

export type WpVerb = "ready" | "start" | "block" | "gate" | "done" | "cancel";
export const WP_VERB_TARGET = {
  ready: "ready",
  start: "in_progress",
  block: "blocked",
  gate: "gated",
  done: "done",
  cancel: "cancelled",
} as const satisfies Record<WpVerb, WorkPacketStatus>;

/** The status change itself (pure over the records): checks the table, blockers and open micro-tasks. */
export function planWpMove(
  wp: WorkPacket,
  to: WorkPacketStatus,
  context: { all: WorkPacket[]; openMts: string[]; reason?: string; by: string; now: string },
): WorkPacket {
  assertWpMove(wp.wp_id, wp.status, to);
  if (to === "in_progress" && wp.status !== "blocked") {
    const blockers = openBlockers(wp, context.all);
    if (blockers.length) {
      throw new HsError("HS-WORK-BLOCKED", `${wp.wp_id} waits for ${blockers.join(", ")}, not done yet`, {
        hint: `hs wp show ${blockers[0]}`,
        details: { blockers },
      });
    }
  }
  if ((to === "gated" || to === "done") && context.openMts.length) {
    throw new HsError("HS-WP-OPEN-MTS", `${wp.wp_id} still has open micro-tasks: ${context.openMts.join(", ")}`, {
      hint: `hs mt done ${context.openMts[0]}   (or: hs mt skip ${context.openMts[0]})`,
      details: { open: context.openMts },
    });
  }
  const gate = (status: "pass" | "fail" | "pending") => ({
    status,
    validated_at: context.now,
    validated_by: context.by,
    notes: context.reason ?? null,
  });
  const gates = { ...wp.gates };
  if (to === "in_progress" && wp.status === "ready") gates.pre_work = gate("pass");
  if (to === "in_progress" && wp.status === "gated") gates.post_work = gate("fail");
  if (to === "gated") gates.post_work = { ...gate("pending"), validated_at: null, validated_by: null };
  if (to === "done") gates.post_work = gate("pass");
  return {
    ...wp,
    status: to,
    task_board_status: taskBoardStatus(to),
    gates,
    status_reason: context.reason ?? null,
    version: wp.version + 1,
    updated_at: context.now,
    started_at: to === "in_progress" ? (wp.started_at ?? context.now) : wp.started_at,
    completed_at: to === "done" || to === "cancelled" ? context.now : wp.completed_at,
  };
}

export function moveWp(
  ws: Workspace,
  actor: Actor,
  input: { id: string; verb: WpVerb; reason?: string },
): WpResult & { from: WorkPacketStatus } {
  authorize(ws, actor, `wp ${input.verb} ${input.id}`, { who: "operator" });
  if (input.verb === "block" && !input.reason?.trim())
    throw new HsError("HS-USAGE", "blocking needs --reason TEXT", {
      hint: `hs wp block ${input.id} --reason 'waiting for the API keys'`,
    });
  return transitionWp(ws, actor, input.id, WP_VERB_TARGET[input.verb], input.reason);
}

const NOTE_FOR = {
  stub: "system",
  ready: "plan",
  in_progress: "system",
  blocked: "blocker",
  gated: "gate",
  done: "gate",
  cancelled: "decision",
} as const satisfies Record<WorkPacketStatus, NoteType>;

/** Also used when a bound session starts (actor system). Records one event: gated, completed, or updated. */
export function transitionWp(
  ws: Workspace,
  actor: Actor,
  id: string,
  to: WorkPacketStatus,
  reason?: string,
): WpResult & { from: WorkPacketStatus } {
  const result = underWorkLock(ws, () => {
    const current = getWp(ws, id);
    const openMts = indexedMts(ws, { wp: id })
      .filter((mt) => mt.status !== "completed" && mt.status !== "skipped")
      .map((mt) => mt.mt_id);
    const wp = planWpMove(current, to, { all: indexedWps(ws), openMts, reason, by: actorLabel(actor), now: nowIso() });
    if (reason)
      appendNote(
        ws,
        newNote(id, actorLabel(actor), NOTE_FOR[to], `${current.status} -> ${to}: ${reason}`, wp.updated_at),
      );
    return { wp, from: current.status, board: save(ws, actor, wp) };
  });
  const type = to === "gated" ? "work_packet_gated" : to === "done" ? "work_packet_completed" : "work_packet_updated";
  recordWork(
    ws,
    actor,
    type,
    { wp: id },
    {
      wp_id: id,
      from_status: result.from,
      to_status: to,
      reason: reason ?? null,
      version: result.wp.version,
      gates: result.wp.gates,
      board_sha256: result.board.sha256,
    },
  );
  return result;
}

// Micro-task status moves along the transition table; starting one waits for its --depends-on tasks and
// moves a ready work packet along (a blocked one stays blocked until the operator moves it). One event per move (plus the packet's, when it moves too).
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import type { Actor } from "../ops/actor.ts";
import type { MicroTask, MtStatus } from "./mt-model.ts";
import { assertMtMove } from "./transitions.ts";
import { getMt, getWp, indexedMts } from "./index-db.ts";
import { nowIso, recordWork, underWorkLock } from "./record.ts";
import { saveMt as save, type MtResult } from "./persist.ts";
import { transitionWp } from "./wp-move.ts";

export type MtVerb = "start" | "done" | "fail" | "skip";
export const MT_VERB_TARGET = {
  start: "in_progress",
  done: "completed",
  fail: "failed",
  skip: "skipped",
} as const satisfies Record<MtVerb, MtStatus>;

/** Pure: the moved record (table and task dependencies checked). */
export function planMtMove(
  mt: MicroTask,
  to: MtStatus,
  context: { all: MicroTask[]; reason?: string; now: string; session?: string },
): MicroTask {
  assertMtMove(mt.mt_id, mt.status, to);
  if (to === "in_progress") {
    const open = mt.depends_on.filter(
      (id) => !["completed", "skipped"].includes(context.all.find((other) => other.mt_id === id)?.status ?? ""),
    );
    if (open.length)
      throw new HsError("HS-WORK-BLOCKED", `${mt.mt_id} waits for ${open.join(", ")}, not completed yet`, {
        hint: `hs mt show ${open[0]}`,
        details: { blockers: open },
      });
  }
  const finished = to === "completed" || to === "failed" || to === "skipped";
  const active = finished
    ? []
    : context.session && !mt.active_session_ids.includes(context.session)
      ? [...mt.active_session_ids, context.session]
      : mt.active_session_ids;
  return {
    ...mt,
    status: to,
    status_reason: context.reason ?? null,
    active_session_ids: active,
    version: mt.version + 1,
    updated_at: context.now,
  };
}

export function moveMt(ws: Workspace, actor: Actor, input: { id: string; verb: MtVerb; reason?: string }): MtResult {
  authorize(ws, actor, `mt ${input.verb} ${input.id}`, { who: "operator" });
  return transitionMt(ws, actor, input.id, MT_VERB_TARGET[input.verb], { reason: input.reason });
}

/** Also used when a bound session starts: moves the task (and a ready WP) to in_progress. */
export function transitionMt(
  ws: Workspace,
  actor: Actor,
  id: string,
  to: MtStatus,
  options: { reason?: string; session?: string } = {},
): MtResult {
  const result = underWorkLock(ws, () => {
    const current = getMt(ws, id);
    const mt = planMtMove(current, to, {
      all: indexedMts(ws),
      reason: options.reason,
      now: nowIso(),
      session: options.session,
    });
    return { mt, from: current.status, board: save(ws, actor, mt) };
  });
  const type =
    to === "in_progress"
      ? "mt_started"
      : to === "failed"
        ? "mt_failed"
        : to === "completed" || to === "skipped"
          ? "mt_completed"
          : "mt_iteration_completed";
  recordWork(
    ws,
    actor,
    type,
    { wp: result.mt.wp_id, mt: id, session: options.session },
    {
      mt_id: id,
      wp_id: result.mt.wp_id,
      from_status: result.from,
      to_status: to,
      reason: options.reason ?? null,
      session_id: options.session ?? null,
      board_sha256: result.board.sha256,
    },
  );
  if (to === "in_progress") {
    const wp = getWp(ws, result.mt.wp_id);
    if (wp.status === "ready")
      transitionWp(ws, actor, wp.wp_id, "in_progress", `${id} started`);
  }
  return { mt: result.mt, board: result.board };
}

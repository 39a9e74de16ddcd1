// Micro-task verbs. Registering and moving tasks is the operator's; a session may record iterations of a
// task it is bound to, for itself only.
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import { actorLabel, type Actor } from "../ops/actor.ts";
import { checkMtId, nextId } from "./ids.ts";
import { MT_SCHEMA_ID, type IterationOutcome, type MicroTask, type MtStatus } from "./mt-model.ts";
import { mtMoveAllowed } from "./transitions.ts";
import { mtScope } from "./scope.ts";
import { findMt, getMt, getWp, indexedMts } from "./index-db.ts";
import { nowIso, recordWork, underWorkLock } from "./record.ts";
import { saveMt as save, type MtResult } from "./persist.ts";

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
      throw new HsError("HS-STATE-TRANSITION", `${wp.wp_id} is ${wp.status}; it takes no new micro-tasks`, {
        hint: `hs wp create --title '${wp.title} (follow-up)'`,
      });
    }
    const all = indexedMts(ws);
    const id =
      input.id === undefined
        ? nextId(
            "MT",
            all.map((mt) => mt.mt_id),
          )
        : checkMtId(input.id);
    if (findMt(ws, id))
      throw new HsError("HS-WORK-EXISTS", `micro-task '${id}' already exists`, { hint: `hs mt show ${id}` });
    for (const dep of input.dependsOn ?? []) getMt(ws, dep);
    const now = nowIso();
    const mt: MicroTask = {
      schema_id: MT_SCHEMA_ID,
      record_kind: "micro_task",
      mt_id: id,
      wp_id: wp.wp_id,
      version: 1,
      name: input.name,
      status: "pending",
      files: { read: input.read ?? [], modify: input.modify, create: input.create ?? [] },
      done_criteria: input.doneCriteria ?? [],
      depends_on: input.dependsOn ?? [],
      session_ids: [],
      active_session_ids: [],
      iterations: [],
      current_iteration: 0,
      status_reason: null,
      created_at: now,
      updated_at: now,
    };
    const scope = mtScope(mt);
    return { mt, scope, board: save(ws, actor, mt) };
  });
  const { mt } = result;
  recordWork(
    ws,
    actor,
    "micro_tasks_registered",
    { wp: mt.wp_id, mt: mt.mt_id },
    {
      wp_id: mt.wp_id,
      mt_ids: [mt.mt_id],
      name: mt.name,
      files: mt.files,
      scope: result.scope,
      depends_on: mt.depends_on,
      board_sha256: result.board.sha256,
    },
  );
  return { mt, board: result.board };
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
  authorize(
    ws,
    actor,
    `mt iterate ${input.id} --outcome ${input.outcome}`,
    session ? { who: "self", session } : { who: "operator" },
  );
  const result = underWorkLock(ws, () => {
    const current = getMt(ws, input.id);
    if (session && !current.session_ids.includes(session)) {
      throw new HsError("HS-MT-NOT-BOUND", `session '${session}' is not bound to ${input.id}`, {
        hint: `hs mt show ${input.id}`,
        details: { bound: current.session_ids },
      });
    }
    if (current.status !== "in_progress" && current.status !== "blocked") {
      throw new HsError(
        "HS-STATE-TRANSITION",
        `${input.id} is ${current.status}; iterations are recorded while it is in progress`,
        { hint: `hs mt start ${input.id}` },
      );
    }
    const now = nowIso();
    const to: MtStatus = input.outcome === "BLOCKED" ? "blocked" : "in_progress";
    const status = current.status === to || mtMoveAllowed(current.status, to) ? to : current.status;
    const iteration = {
      iteration: current.current_iteration + 1,
      outcome: input.outcome,
      session_id: session ?? null,
      evidence_ref: input.evidence ?? null,
      summary: input.summary ?? null,
      recorded_by: actorLabel(actor),
      created_at: now,
    };
    const mt: MicroTask = {
      ...current,
      status,
      iterations: [...current.iterations, iteration],
      current_iteration: iteration.iteration,
      version: current.version + 1,
      updated_at: now,
    };
    return { mt, from: current.status, iteration, board: save(ws, actor, mt) };
  });
  recordWork(
    ws,
    actor,
    "mt_iteration_completed",
    { wp: result.mt.wp_id, mt: input.id, session },
    {
      mt_id: input.id,
      wp_id: result.mt.wp_id,
      ...result.iteration,
      from_status: result.from,
      to_status: result.mt.status,
      board_sha256: result.board.sha256,
    },
  );
  return { mt: result.mt, board: result.board };
}

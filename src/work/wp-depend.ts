// Dependencies between work packets (a `blocks` edge held by the blocked packet) and the explicit board sync.
import crypto from "node:crypto";
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import { actorLabel, type Actor } from "../ops/actor.ts";
import type { WorkPacket } from "./wp-model.ts";
import { cycleWith, edgesOf } from "./deps.ts";
import { getWp, indexedWps } from "./index-db.ts";
import { syncBoard, type BoardSync } from "./mirror.ts";
import { nowIso, recordWork, underWorkLock } from "./record.ts";
import { saveWp as save, type WpResult } from "./persist.ts";

export function dependWp(ws: Workspace, actor: Actor, input: { id: string; on: string }): WpResult {
  authorize(ws, actor, `wp depend ${input.id} --on ${input.on}`, { who: "operator" });
  const result = underWorkLock(ws, () => {
    const current = getWp(ws, input.id);
    getWp(ws, input.on);
    const cycle = cycleWith(edgesOf(indexedWps(ws)), { from: input.on, to: input.id });
    if (cycle) {
      throw new HsError(
        "HS-DEPENDENCY-CYCLE",
        `${input.id} cannot depend on ${input.on}: that closes the cycle ${cycle.join(" -> ")}`,
        {
          hint: `hs wp show ${input.on}`,
          details: { cycle },
        },
      );
    }
    if (current.dependencies.some((dep) => dep.from_wp_id === input.on))
      return { wp: current, board: syncBoard(ws, actor), dependency_id: null };
    const dependency = {
      dependency_id: `dep_${crypto.randomUUID()}`,
      from_wp_id: input.on,
      to_wp_id: input.id,
      type: "blocks" as const,
      created_at: nowIso(),
      created_by: actorLabel(actor),
    };
    const wp: WorkPacket = {
      ...current,
      dependencies: [...current.dependencies, dependency],
      version: current.version + 1,
      updated_at: dependency.created_at,
    };
    return { wp, board: save(ws, actor, wp), dependency_id: dependency.dependency_id };
  });
  recordWork(
    ws,
    actor,
    "dependency_added",
    { wp: input.id },
    {
      dependency_id: result.dependency_id,
      from_wp_id: input.on,
      to_wp_id: input.id,
      type: "blocks",
      already_present: result.dependency_id === null,
    },
  );
  return { wp: result.wp, board: result.board };
}

export function syncBoardOp(ws: Workspace, actor: Actor): BoardSync {
  authorize(ws, actor, "wp board", { who: "operator" });
  const board = underWorkLock(ws, () => syncBoard(ws, actor));
  recordWork(
    ws,
    actor,
    "task_board_synced",
    {},
    {
      path: board.path,
      sha256: board.sha256,
      previous_state: board.previous_state,
      hand_edit_ref: board.hand_edit_ref,
    },
  );
  return board;
}


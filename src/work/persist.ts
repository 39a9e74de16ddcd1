// Writing a record: the governance file (atomically), the index, then the board mirror.
import type { Workspace } from "../registry/workspace.ts";
import type { Actor } from "../ops/actor.ts";
import type { WorkPacket } from "./wp-model.ts";
import type { MicroTask } from "./mt-model.ts";
import { refreshWorkIndex } from "./index-db.ts";
import { writeMt, writeWp } from "./store.ts";
import { syncBoard, type BoardSync } from "./mirror.ts";

export interface WpResult {
  wp: WorkPacket;
  board: BoardSync;
}

export interface MtResult {
  mt: MicroTask;
  board: BoardSync;
}

export function saveWp(ws: Workspace, actor: Actor, wp: WorkPacket): BoardSync {
  writeWp(ws, wp);
  refreshWorkIndex(ws, { force: true });
  return syncBoard(ws, actor);
}

export function saveMt(ws: Workspace, actor: Actor, mt: MicroTask): BoardSync {
  writeMt(ws, mt);
  refreshWorkIndex(ws, { force: true });
  return syncBoard(ws, actor);
}

// Regenerates .handshake/gov/TASK_BOARD.md from the records (atomically) after every WP/MT change. A hand edit
// found on the way is kept as an artifact and reported (task_board_status_changed); it is never read back.
import fs from "node:fs";
import crypto from "node:crypto";
import type { Workspace } from "../registry/workspace.ts";
import { writeFileAtomic } from "../registry/atomic-write.ts";
import { actorLabel, frActor, type Actor } from "../ops/actor.ts";
import { mirrorState, renderBoard, type MirrorState } from "./board.ts";
import { boardPath } from "./store.ts";
import { indexedMts, indexedWps } from "./index-db.ts";
import { putBlob } from "./blobs.ts";

export interface BoardSync {
  path: string;
  sha256: string;
  previous_state: MirrorState;
  hand_edit_ref: string | null;
}

export function readBoard(ws: Workspace): string | null {
  const file = boardPath(ws);
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null;
}

export function syncBoard(ws: Workspace, actor: Actor): BoardSync {
  const file = boardPath(ws);
  const before = readBoard(ws);
  const previous = mirrorState(before);
  const handEditRef = previous === "advisory_edit" && before !== null ? putBlob(ws, before) : null;
  const text = renderBoard(indexedWps(ws), indexedMts(ws));
  writeFileAtomic(file, text);
  if (handEditRef) {
    ws.record({
      type: "task_board_status_changed",
      actor: frActor(actor),
      payload: {
        path: file,
        mirror_state: "advisory_edit",
        reconciliation: "regenerate_mirror",
        hand_edit_ref: handEditRef,
        by: actorLabel(actor),
      },
    });
  }
  return {
    path: file,
    sha256: crypto.createHash("sha256").update(text).digest("hex"),
    previous_state: previous,
    hand_edit_ref: handEditRef,
  };
}

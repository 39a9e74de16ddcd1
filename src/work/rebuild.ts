// hs rebuild's work part: the WP/MT index from the governance files; anchors and handoffs replayed from
// their Flight Recorder events (each names its full record as a content-addressed payload).
import type { Workspace } from "../registry/workspace.ts";
import { openFlightRecorder } from "../registry/flight-recorder.ts";
import { immediate } from "../registry/sqlite.ts";
import { refreshWorkIndex } from "./index-db.ts";
import { getJsonBlob } from "./blobs.ts";
import { insertHandoff, type HandoffRecord } from "./handoff-store.ts";
import {
  applyAnchorCreated,
  applyAnchorLink,
  applyAnchorNote,
  type AnchorNote,
  type AnchorRecord,
  type LinkKind,
} from "./anchor-store.ts";

export interface WorkRebuild {
  work_packets: number;
  micro_tasks: number;
  anchors: number;
  handoffs: number;
  warnings: string[];
}

export function rebuildWork(ws: Workspace): WorkRebuild {
  const counts = refreshWorkIndex(ws, { force: true });
  const warnings: string[] = [];
  let anchors = 0;
  let handoffs = 0;
  const fr = openFlightRecorder(ws.loc.handshakeDir);
  try {
    immediate(ws.db, () => {
      for (const event of fr.iterate({ type: "anchor.*" })) {
        const p = event.payload as Record<string, any>;
        try {
          if (event.type === "anchor.created")
            applyAnchorCreated(ws, getJsonBlob<AnchorRecord>(ws, p.record_ref)), (anchors += 1);
          else if (event.type === "anchor.linked") applyAnchorLink(ws, p.anchor_id, p.kind as LinkKind, p.target, p.at);
          else if (event.type === "anchor.noted") applyAnchorNote(ws, p as unknown as AnchorNote);
        } catch (error) {
          warnings.push(`event ${event.seq} (${event.type}): ${(error as Error).message}; skipped`);
        }
      }
      for (const event of fr.iterate({ type: "handoff.written" })) {
        try {
          insertHandoff(ws, getJsonBlob<HandoffRecord>(ws, (event.payload as Record<string, string>).record_ref ?? ""));
          handoffs += 1;
        } catch (error) {
          warnings.push(`event ${event.seq} (handoff.written): ${(error as Error).message}; skipped`);
        }
      }
    });
  } finally {
    fr.close();
  }
  return { work_packets: counts.wps, micro_tasks: counts.mts, anchors, handoffs, warnings };
}

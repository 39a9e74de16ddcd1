// Read models for hs wp show / hs mt show: the records joined with their sessions, approvals, merge-backs,
// handoffs and anchors. Reads only (no actor needed: sessions may read work records).
import type { Workspace } from "../registry/workspace.ts";
import { findSession } from "../registry/sessions.ts";
import { getMt, getWp, indexedMts, indexedWps } from "./index-db.ts";
import { openBlockers, readyList } from "./deps.ts";
import { listHandoffs } from "./handoff-store.ts";
import { listAnchors } from "./anchor-store.ts";
import { listNotes } from "./notes.ts";
import type { WorkPacket, WorkPacketStatus } from "./wp-model.ts";
import type { MicroTask } from "./mt-model.ts";

export interface SessionSummary {
  id: string;
  state: string;
  worktree: string | null;
  branch: string | null;
  pending_approvals: number;
  merge_backs: Array<{ artifact: string; status: string; applied_commit: string | null }>;
}

function sessionSummary(ws: Workspace, id: string): SessionSummary {
  const session = findSession(ws, id);
  const pending = ws.db
    .prepare("SELECT count(*) FROM gate_requests WHERE session_id = ? AND status = 'pending'")
    .pluck()
    .get(id) as number;
  const merges = ws.db
    .prepare(
      "SELECT artifact_name AS artifact, status, applied_commit FROM merge_back_artifacts WHERE session_id = ? ORDER BY created_at",
    )
    .all(id) as SessionSummary["merge_backs"];
  return {
    id,
    state: session?.state ?? "unknown",
    worktree: session?.worktree ?? null,
    branch: session?.branch ?? null,
    pending_approvals: pending,
    merge_backs: merges,
  };
}

export type MtView = MicroTask & { sessions: SessionSummary[] };

export function mtView(ws: Workspace, mt: MicroTask): MtView {
  return { ...mt, sessions: mt.session_ids.map((id) => sessionSummary(ws, id)) };
}

export function showMt(ws: Workspace, id: string): MtView & { handoffs: ReturnType<typeof listHandoffs> } {
  const mt = getMt(ws, id);
  return { ...mtView(ws, mt), handoffs: listHandoffs(ws, { mt: id }) };
}

export function showWp(ws: Workspace, id: string) {
  const wp = getWp(ws, id);
  const all = indexedWps(ws);
  return {
    ...wp,
    open_blockers: openBlockers(wp, all),
    micro_tasks: indexedMts(ws, { wp: id }).map((mt) => mtView(ws, mt)),
    notes: listNotes(ws, id),
    handoffs: listHandoffs(ws, { wp: id }),
    anchors: listAnchors(ws, { wp: id }).map((anchor) => ({
      anchor_id: anchor.anchor_id,
      title: anchor.title,
      status: anchor.status,
    })),
  };
}

export function listWps(ws: Workspace, filter: { status?: WorkPacketStatus } = {}): WorkPacket[] {
  return indexedWps(ws, filter);
}

export function readyWps(ws: Workspace, limit = 20): WorkPacket[] {
  return readyList(indexedWps(ws), limit);
}

export function listMts(ws: Workspace, filter: { wp?: string } = {}): MicroTask[] {
  return indexedMts(ws, filter);
}

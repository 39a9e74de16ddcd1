// Work packet verbs: (ws, actor, input) -> result. Operator-only writes; each records one event and
// regenerates the board mirror.
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { authorize } from "../ops/guard.ts";
import { actorLabel, type Actor } from "../ops/actor.ts";
import { normalizeScope } from "../sessions/plan.ts";
import { checkWpId, nextId } from "./ids.ts";
import { WP_SCHEMA_ID, type WorkPacket } from "./wp-model.ts";
import { findWp, getWp, indexedWps } from "./index-db.ts";
import { nowIso, recordWork, underWorkLock } from "./record.ts";
import { appendNote, newNote, type NoteType } from "./notes.ts";
import { saveWp as save, type WpResult } from "./persist.ts";

const pendingGate = () => ({ status: "pending" as const, validated_at: null, validated_by: null, notes: null });
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
  if (!input.title.trim())
    throw new HsError("HS-USAGE", "a work packet needs a --title", {
      hint: "hs wp create --title 'Checkout refuses empty carts'",
    });
  const result = underWorkLock(ws, () => {
    const id =
      input.id === undefined
        ? nextId(
            "WP",
            indexedWps(ws).map((wp) => wp.wp_id),
          )
        : checkWpId(input.id);
    if (findWp(ws, id))
      throw new HsError("HS-WORK-EXISTS", `work packet '${id}' already exists`, { hint: `hs wp show ${id}` });
    const now = nowIso();
    const wp: WorkPacket = {
      schema_id: WP_SCHEMA_ID,
      record_kind: "work_packet",
      wp_id: id,
      version: 1,
      title: input.title.trim(),
      description: input.description ?? "",
      status: "stub",
      task_board_status: "STUB",
      priority: input.priority ?? 2,
      type: input.type ?? "feature",
      labels: input.labels ?? [],
      scope: input.scope?.length ? normalizeScope(input.scope) : [],
      gates: { pre_work: pendingGate(), post_work: pendingGate() },
      dependencies: [],
      reporter: actorLabel(actor),
      status_reason: null,
      created_at: now,
      updated_at: now,
      started_at: null,
      completed_at: null,
    };
    return { wp, board: save(ws, actor, wp) };
  });
  const { wp } = result;
  recordWork(
    ws,
    actor,
    "work_packet_created",
    { wp: wp.wp_id },
    {
      wp_id: wp.wp_id,
      title: wp.title,
      type: wp.type,
      priority: wp.priority,
      status: wp.status,
      scope: wp.scope,
      version: wp.version,
      board_sha256: result.board.sha256,
    },
  );
  return result;
}

export type WpUpdate = Partial<Pick<WorkPacket, "title" | "description" | "priority" | "type" | "labels" | "scope">>;

export function updateWp(ws: Workspace, actor: Actor, input: { id: string; changes: WpUpdate }): WpResult {
  authorize(ws, actor, `wp update ${input.id}`, { who: "operator" });
  const changes = Object.fromEntries(
    Object.entries(input.changes).filter(([, value]) => value !== undefined),
  ) as WpUpdate;
  if (!Object.keys(changes).length)
    throw new HsError("HS-USAGE", "nothing to update", { hint: `hs wp update ${input.id} --title 'new title'` });
  if (changes.scope) changes.scope = normalizeScope(changes.scope);
  const result = underWorkLock(ws, () => {
    const current = getWp(ws, input.id);
    const wp: WorkPacket = { ...current, ...changes, version: current.version + 1, updated_at: nowIso() };
    return { wp, board: save(ws, actor, wp) };
  });
  recordWork(
    ws,
    actor,
    "work_packet_updated",
    { wp: input.id },
    { wp_id: input.id, changes, version: result.wp.version, board_sha256: result.board.sha256 },
  );
  return result;
}

export function noteWp(ws: Workspace, actor: Actor, input: { id: string; text: string; type?: NoteType }) {
  authorize(ws, actor, `wp note ${input.id}`, { who: "operator" });
  if (!input.text.trim())
    throw new HsError("HS-USAGE", "a note needs text", {
      hint: `hs wp note ${input.id} --text 'what was decided and why'`,
    });
  getWp(ws, input.id);
  const note = newNote(input.id, actorLabel(actor), input.type ?? "user", input.text, nowIso());
  appendNote(ws, note);
  recordWork(
    ws,
    actor,
    "work_packet_updated",
    { wp: input.id },
    { wp_id: input.id, note_id: note.note_id, note_type: note.note_type, summary: note.summary },
  );
  return note;
}

// /api/v1/work writes for the page's forms: create a work packet, a micro-task, an anchor, an anchor note and a
// handoff; and the board's move preview (which lanes a card may go to, and why not). Each write is the
// operation `hs wp create` / `hs mt add` / `hs anchor …` / `hs handoff write` calls, with the server's actor.
import { z } from "zod";
import { HsError } from "../../errors.ts";
import { actorLabel } from "../../ops/actor.ts";
import { addMt, createAnchor, createWp, noteAnchor, noteWp, writeHandoff } from "../../work/ops.ts";
import { planWpMove } from "../../work/wp-move.ts";
import { getWp, indexedMts, indexedWps } from "../../work/index-db.ts";
import { findAnchor } from "../../work/anchor-store.ts";
import { findHandoff } from "../../work/handoff-store.ts";
import { getBlob } from "../../work/blobs.ts";
import { WP_STATUSES, WP_TYPES, type WorkPacketStatus } from "../../work/wp-model.ts";
import { route } from "../router.ts";

const text = z.string().min(1).max(20_000);
const globs = z.array(z.string().min(1).max(512)).max(64);
const id = z.string().min(1).max(64);

export const CreateWp = z.strictObject({
  id: id.optional().describe("WP-… id; generated when absent"),
  title: z.string().trim().min(1).max(200),
  description: text.optional(),
  type: z.enum(WP_TYPES).optional(),
  priority: z.number().int().min(0).max(4).optional().describe("0 (highest) to 4"),
  scope: globs.optional().describe("IN_SCOPE_PATHS of the packet"),
  labels: z.array(z.string().min(1).max(64)).max(32).optional(),
});
export const CreateMt = z.strictObject({
  wp: id,
  id: id.optional(),
  name: z.string().trim().min(1).max(200),
  modify: globs.min(1).describe("globs the task changes (its session's scope)"),
  create: globs.optional(),
  read: globs.optional(),
  done_criteria: z.array(z.string().min(1).max(2000)).max(32).optional(),
  depends_on: z.array(id).max(32).optional(),
});
export const CreateAnchor = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: text.optional(),
  criteria: z.array(z.string().min(1).max(2000)).max(32).optional(),
  wp: id.optional().describe("link to this work packet"),
});
export const Note = z.strictObject({ text: z.string().trim().min(1).max(20_000).describe("append-only note") });
export const CreateHandoff = z.strictObject({
  session: id,
  done: text.describe("what was done"),
  remaining: text.describe("what remains"),
  decisions: z.array(z.string().min(1).max(2000)).max(32).optional(),
  uncertainties: z.array(z.string().min(1).max(2000)).max(32).optional(),
  blockers: z.array(z.string().min(1).max(2000)).max(32).optional(),
  evidence: z.array(z.string().min(1).max(512)).max(32).optional().describe("commit shas, diffs, artifact paths"),
  anchor: id.optional(),
});

/** For each status: may the packet move there now, and if not, the refusal the move would get. */
export function movePreview(ws: Parameters<typeof getWp>[0], wpId: string, by: string) {
  const wp = getWp(ws, wpId);
  const all = indexedWps(ws);
  const open = indexedMts(ws, { wp: wpId })
    .filter((mt) => mt.status !== "completed" && mt.status !== "skipped")
    .map((mt) => mt.mt_id);
  const moves = WP_STATUSES.filter((to) => to !== wp.status && to !== "stub").map((to: WorkPacketStatus) => {
    try {
      planWpMove(wp, to, { all, openMts: open, by, now: new Date().toISOString(), reason: "preview" });
      return { to, allowed: true, needs_reason: to === "blocked", error: null as null | { code: string; message: string; hint: string | null } };
    } catch (error) {
      if (!(error instanceof HsError)) throw error;
      const refusal = { code: error.code, message: error.message, hint: error.hint ?? null };
      return { to, allowed: false, needs_reason: false, error: refusal };
    }
  });
  return { wp_id: wp.wp_id, status: wp.status, open_micro_tasks: open, moves };
}

export const workWriteRoutes = [
  route<unknown, z.infer<typeof CreateWp>>({
    method: "POST",
    path: "/api/v1/work/packets",
    summary: "create a work packet (hs wp create); it starts in STUB",
    body: CreateWp,
    handle: ({ ws, actor }, { body }) => createWp(ws, actor, body).wp,
  }),
  route({
    method: "GET",
    path: "/api/v1/work/packets/:id/moves",
    summary: "the board's move preview: each status the packet could go to, allowed or the refusal",
    handle: ({ ws, actor }, { params }) => movePreview(ws, params.id, actorLabel(actor)),
  }),
  route<unknown, z.infer<typeof Note>>({
    method: "POST",
    path: "/api/v1/work/packets/:id/notes",
    summary: "append a note to a work packet (hs wp note)",
    body: Note,
    handle: ({ ws, actor }, { params, body }) => noteWp(ws, actor, { id: params.id, text: body.text }),
  }),
  route<unknown, z.infer<typeof CreateMt>>({
    method: "POST",
    path: "/api/v1/work/micro-tasks",
    summary: "add a micro-task to a work packet (hs mt add)",
    body: CreateMt,
    handle: ({ ws, actor }, { body }) =>
      addMt(ws, actor, {
        ...{ wp: body.wp, id: body.id, name: body.name, modify: body.modify, create: body.create, read: body.read },
        ...{ doneCriteria: body.done_criteria, dependsOn: body.depends_on },
      }).mt,
  }),
  route<unknown, z.infer<typeof CreateAnchor>>({
    method: "POST",
    path: "/api/v1/work/anchors",
    summary: "create an objective anchor (hs anchor create), optionally linked to a work packet",
    body: CreateAnchor,
    handle: ({ ws, actor }, { body }) => createAnchor(ws, actor, body),
  }),
  route<unknown, z.infer<typeof Note>>({
    method: "POST",
    path: "/api/v1/work/anchors/:id/notes",
    summary: "append a note to an anchor (hs anchor note); notes are never edited",
    body: Note,
    handle: ({ ws, actor }, { params, body }) => noteAnchor(ws, actor, { id: params.id, text: body.text }),
  }),
  route<unknown, z.infer<typeof CreateHandoff>>({
    method: "POST",
    path: "/api/v1/work/handoffs",
    summary: "write a session's handoff (hs handoff write) from inline text",
    body: CreateHandoff,
    handle: ({ ws, actor }, { body }) =>
      writeHandoff(ws, actor, {
        ...{ session: body.session, done: { text: body.done }, remaining: { text: body.remaining } },
        ...{ decisions: body.decisions, uncertainties: body.uncertainties, blockers: body.blockers },
        ...{ evidence: body.evidence, anchor: body.anchor, cwd: ws.loc.mainRoot },
      }),
  }),
];

export const anchorReadRoutes = [
  route({
    method: "GET",
    path: "/api/v1/work/handoffs/:id",
    summary: "one handoff with its done/remaining texts (hs handoff show)",
    handle: ({ ws }, { params }) => {
      const handoff = findHandoff(ws, params.id);
      if (!handoff) throw new HsError("HS-ARTIFACT-NOT-FOUND", `no handoff '${params.id}'`, { hint: "hs handoff list" });
      const blob = (ref: string) => getBlob(ws, ref).toString("utf8");
      return { ...handoff, done: blob(handoff.summary_done_ref), remaining: blob(handoff.summary_remaining_ref) };
    },
  }),
  route({
    method: "GET",
    path: "/api/v1/work/anchors/:id",
    summary: "one anchor with its description and append-only notes as text (hs anchor show)",
    handle: ({ ws }, { params }) => {
      const anchor = findAnchor(ws, params.id);
      if (!anchor) throw new HsError("HS-ANCHOR-NOT-FOUND", `no anchor '${params.id}'`, { hint: "hs anchor list" });
      const blob = (ref: string) => getBlob(ws, ref).toString("utf8");
      const notes = anchor.notes.map((note) => ({ ...note, text: blob(note.note_ref) }));
      return { ...anchor, description: anchor.description_ref ? blob(anchor.description_ref) : "", notes };
    },
  }),
];

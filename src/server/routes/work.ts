// /api/v1/work: the board (work packets in their lanes), one packet, and board moves. A move is an explicit
// transition through the same verb as `hs wp <verb>`, refused when the transition table forbids it.
import { z } from "zod";
import {
  listAnchors,
  listHandoffs,
  listMts,
  listWps,
  moveMt,
  moveWp,
  showMt,
  showWp,
  MT_VERB_TARGET,
  type MtVerb,
  type WpVerb,
} from "../../work/ops.ts";
import { BOARD_LANES } from "../../work/board.ts";
import { WP_STATUSES, taskBoardStatus } from "../../work/wp-model.ts";
import { WP_VERBS } from "../../work/transitions.ts";
import { route } from "../router.ts";

const MT_TARGETS = Object.values(MT_VERB_TARGET) as [string, ...string[]];
const MT_VERB_OF = Object.fromEntries(
  Object.entries(MT_VERB_TARGET).map(([verb, status]) => [status, verb]),
) as Record<string, MtVerb>;
const MtQuery = z.strictObject({ wp: z.string().max(64).optional().describe("only this work packet's micro-tasks") });
export const MtTransition = z.strictObject({
  to: z.enum(MT_TARGETS).describe("in_progress | completed | failed | skipped (hs mt start/done/fail/skip)"),
  reason: z.string().min(1).max(2000).optional(),
});
const Related = z.strictObject({
  wp: z.string().max(64).optional(),
  mt: z.string().max(64).optional(),
  session: z.string().max(64).optional(),
});
const MOVABLE = WP_STATUSES.filter((status) => status !== "stub") as Exclude<(typeof WP_STATUSES)[number], "stub">[];
const ListQuery = z.strictObject({ status: z.enum(WP_STATUSES).optional().describe("only packets in this status") });
export const Transition = z.strictObject({
  to: z.enum(MOVABLE as [string, ...string[]]).describe("the target status (the lane the card moves to)"),
  reason: z.string().min(1).max(2000).optional().describe("recorded as a note; required for blocked"),
});

export const workRoutes = [
  route<z.infer<typeof ListQuery>>({
    method: "GET",
    path: "/api/v1/work/packets",
    summary: "the task board: work packets in their lanes (?status=)",
    query: ListQuery,
    handle: ({ ws }, { query }) => {
      const wps = listWps(ws, { status: query.status });
      const packets = (lane: string) => wps.filter((wp) => taskBoardStatus(wp.status) === lane);
      return { lanes: BOARD_LANES.map((lane) => ({ lane, packets: packets(lane) })) };
    },
  }),
  route({
    method: "GET",
    path: "/api/v1/work/packets/:id",
    summary: "one work packet with its micro-tasks, notes, handoffs and anchors",
    handle: ({ ws }, { params }) => showWp(ws, params.id),
  }),
  route<unknown, z.infer<typeof Transition>>({
    method: "POST",
    path: "/api/v1/work/packets/:id/transition",
    summary: "move a packet to another status (the same verbs as hs wp ready/start/block/gate/done/cancel)",
    body: Transition,
    handle: ({ ws, actor }, { params, body }) => {
      const verb = WP_VERBS[body.to as (typeof MOVABLE)[number]] as WpVerb;
      const { wp, from } = moveWp(ws, actor, { id: params.id, verb, reason: body.reason });
      return { ...wp, from_status: from };
    },
  }),
  route<z.infer<typeof MtQuery>>({
    method: "GET",
    path: "/api/v1/work/micro-tasks",
    summary: "micro-tasks (?wp=)",
    query: MtQuery,
    handle: ({ ws }, { query }) => ({ micro_tasks: listMts(ws, { wp: query.wp }) }),
  }),
  route({
    method: "GET",
    path: "/api/v1/work/micro-tasks/:id",
    summary: "one micro-task with its sessions and handoffs",
    handle: ({ ws }, { params }) => showMt(ws, params.id),
  }),
  route<unknown, z.infer<typeof MtTransition>>({
    method: "POST",
    path: "/api/v1/work/micro-tasks/:id/transition",
    summary: "move a micro-task (the same verbs as hs mt start/done/fail/skip)",
    body: MtTransition,
    handle: ({ ws, actor }, { params, body }) =>
      moveMt(ws, actor, { id: params.id, verb: MT_VERB_OF[body.to]!, reason: body.reason }).mt,
  }),
  route<z.infer<typeof Related>>({
    method: "GET",
    path: "/api/v1/work/handoffs",
    summary: "session handoffs (?wp= &mt= &session=)",
    query: Related,
    handle: ({ ws }, { query }) => ({
      handoffs: listHandoffs(ws, { wp: query.wp, mt: query.mt, session: query.session }),
    }),
  }),
  route<z.infer<typeof MtQuery>>({
    method: "GET",
    path: "/api/v1/work/anchors",
    summary: "objective anchors (?wp=)",
    query: MtQuery,
    handle: ({ ws }, { query }) => ({ anchors: listAnchors(ws, { wp: query.wp }) }),
  }),
];

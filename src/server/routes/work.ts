// /api/v1/work: the board (work packets in their lanes), one packet, and board moves. A move is an explicit
// transition through the same verb as `hs wp <verb>`, refused when the transition table forbids it.
import { z } from "zod";
import { listWps, moveWp, showWp, type WpVerb } from "../../work/ops.ts";
import { BOARD_LANES } from "../../work/board.ts";
import { WP_STATUSES, taskBoardStatus } from "../../work/wp-model.ts";
import { WP_VERBS } from "../../work/transitions.ts";
import { route } from "../router.ts";

const MOVABLE = WP_STATUSES.filter((status) => status !== "stub") as Exclude<(typeof WP_STATUSES)[number], "stub">[];
const ListQuery = z.strictObject({ status: z.enum(WP_STATUSES).optional().describe("only packets in this status") });
const Transition = z.strictObject({
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
      return { lanes: BOARD_LANES.map((lane) => ({ lane, packets: wps.filter((wp) => taskBoardStatus(wp.status) === lane) })) };
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
];

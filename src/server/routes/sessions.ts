// /api/v1/sessions: the steering panel's reads (grouped by work packet) and the lifecycle verbs, each the same
// operation the CLI calls with the server's actor (the operator).
import { z } from "zod";
import { childrenOf, getSession, listSessions, SESSION_STATES, ROLES, type SessionRecord } from "../../registry/sessions.ts";
import { recoverCrashedSessions } from "../../sandbox/recovery.ts";
import { pendingCounts } from "../../shim/approvals/requests.ts";
import { listLocks } from "../../sessions/locks.ts";
import { cancelSessionOp, pauseSessionOp, resumeSessionOp } from "../../sessions/ops.ts";
import { sessionCheckpoints } from "../../checkpoints/index.ts";
import { sessionJson } from "../../cli/commands/session/view.ts";
import { route } from "../router.ts";

const ListQuery = z.strictObject({
  state: z.enum(SESSION_STATES).optional().describe("only sessions in this state"),
  role: z.enum(ROLES).optional().describe("only sessions with this role"),
});
const Reason = z.strictObject({ reason: z.string().min(1).max(2000).optional().describe("recorded with the change") });
const Resume = z.strictObject({
  command: z.array(z.string().max(4096)).max(256).optional().describe("command to start when no process is alive"),
});

const NO_WP = "(none)";

function groupByWp(sessions: SessionRecord[], pending: Map<string, number>) {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const session of sessions) {
    const key = session.wp ?? NO_WP;
    groups.set(key, [...(groups.get(key) ?? []), { ...sessionJson(session), pending_approvals: pending.get(session.id) ?? 0 }]);
  }
  return [...groups].map(([wp, items]) => ({ wp_id: wp === NO_WP ? null : wp, sessions: items }));
}

export const sessionRoutes = [
  route<z.infer<typeof ListQuery>>({
    method: "GET",
    path: "/api/v1/sessions",
    summary: "sessions grouped by work packet (?state=, ?role=)",
    query: ListQuery,
    handle: ({ ws }, { query }) => {
      recoverCrashedSessions(ws);
      const sessions = listSessions(ws, { state: query.state }).filter((s) => !query.role || s.role === query.role);
      return { count: sessions.length, groups: groupByWp(sessions, pendingCounts(ws.db)) };
    },
  }),
  route({
    method: "GET",
    path: "/api/v1/sessions/:id",
    summary: "one session with its locks and children",
    handle: ({ ws }, { params }) => {
      recoverCrashedSessions(ws);
      const session = getSession(ws, params.id);
      const locks = listLocks(ws).filter((lock) => lock.session_id === session.id);
      const children = childrenOf(ws, session.id).map((child) => ({ id: child.id, state: child.state }));
      return { ...sessionJson(session), pending_approvals: pendingCounts(ws.db).get(session.id) ?? 0, locks, children };
    },
  }),
  route({
    method: "GET",
    path: "/api/v1/sessions/:id/checkpoints",
    summary: "the session's checkpoints, oldest first",
    handle: ({ ws }, { params }) => ({ checkpoints: sessionCheckpoints(ws, params.id) }),
  }),
  route<unknown, z.infer<typeof Reason>>({
    method: "POST",
    path: "/api/v1/sessions/:id/pause",
    summary: "pause the session tree (SIGSTOP), checkpoint first",
    body: Reason,
    handle: ({ ws, actor }, { params, body }) => pauseSessionOp(ws, actor, { id: params.id, reason: body.reason }),
  }),
  route<unknown, z.infer<typeof Resume>>({
    method: "POST",
    path: "/api/v1/sessions/:id/resume",
    summary: "continue a paused tree, or start a background host with the command",
    body: Resume,
    handle: ({ ws, actor }, { params, body }) => resumeSessionOp(ws, actor, { id: params.id, command: body.command ?? [] }),
  }),
  route<unknown, z.infer<typeof Reason>>({
    method: "POST",
    path: "/api/v1/sessions/:id/cancel",
    summary: "cancel the session and every live descendant; lists the cascade",
    body: Reason,
    handle: ({ ws, actor }, { params, body }) => cancelSessionOp(ws, actor, { id: params.id, reason: body.reason }),
  }),
];

// /api/v1/sessions reads: the steering panel's list (grouped by work packet), one session, its spawn tree,
// checkpoints and background output. Reads take no actor and change nothing: a session that claims to be live
// with no live host is shown with `needs_recovery`, and the repair is the explicit POST /api/v1/sessions/recover
// (DESIGN: reads that repair state are operations, not side effects of listing). Verbs are in session-verbs.ts.
import { z } from "zod";
import {
  childrenOf,
  getSession,
  listSessions,
  SESSION_STATES,
  ROLES,
  type SessionRecord,
} from "../../registry/sessions.ts";
import { sessionHostAlive } from "../../sandbox/recovery.ts";
import type { Workspace } from "../../registry/workspace.ts";
import { pendingCounts } from "../../shim/approvals/requests.ts";
import { listLocks } from "../../sessions/locks.ts";
import { sessionCheckpoints } from "../../checkpoints/index.ts";
import { sessionLogPath } from "../../sandbox/detach.ts";
import { HsError } from "../../errors.ts";
import { outputStream, readTail } from "../output.ts";
import { sessionJson } from "../../sessions/view.ts";
import { route } from "../router.ts";

const ListQuery = z.strictObject({
  state: z.enum(SESSION_STATES).optional().describe("only sessions in this state"),
  role: z.enum(ROLES).optional().describe("only sessions with this role"),
});
const offset = z.string().regex(/^\d{1,15}$/, "a byte offset");
const OutputQuery = z.strictObject({ after: offset.optional().describe("resume after this byte offset") });

const NO_WP = "(none)";

interface TreeNode {
  id: string;
  state: string;
  children: TreeNode[];
}

function spawnTree(all: SessionRecord[], id: string, seen = new Set<string>()): TreeNode {
  seen.add(id);
  const children = all.filter((s) => s.parent === id && !seen.has(s.id)).map((child) => spawnTree(all, child.id, seen));
  return { id, state: all.find((s) => s.id === id)?.state ?? "unknown", children };
}

/** A session that says active/blocked while no host of it is alive: what crash recovery would repair. */
function needsRecovery(ws: Workspace, session: SessionRecord): boolean {
  const live = session.state === "active" || (session.state === "blocked" && session.hostPid !== null);
  return live && !sessionHostAlive(ws, session);
}

function row(ws: Workspace, session: SessionRecord, pending: Map<string, number>) {
  return { ...sessionJson(session), pending_approvals: pending.get(session.id) ?? 0, needs_recovery: needsRecovery(ws, session) };
}

function groupByWp(ws: Workspace, sessions: SessionRecord[], pending: Map<string, number>) {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const session of sessions) {
    const key = session.wp ?? NO_WP;
    groups.set(key, [...(groups.get(key) ?? []), row(ws, session, pending)]);
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
      const sessions = listSessions(ws, { state: query.state }).filter((s) => !query.role || s.role === query.role);
      return { count: sessions.length, groups: groupByWp(ws, sessions, pendingCounts(ws.db)) };
    },
  }),
  route({
    method: "GET",
    path: "/api/v1/sessions/:id",
    summary: "one session with its locks and children",
    handle: ({ ws }, { params }) => {
      const session = getSession(ws, params.id);
      const locks = listLocks(ws).filter((lock) => lock.session_id === session.id);
      const children = childrenOf(ws, session.id).map((child) => ({ id: child.id, state: child.state }));
      return { ...row(ws, session, pendingCounts(ws.db)), locks, children };
    },
  }),
  route({
    method: "GET",
    path: "/api/v1/sessions/:id/checkpoints",
    summary: "the session's checkpoints, oldest first",
    handle: ({ ws }, { params }) => ({ checkpoints: sessionCheckpoints(ws, params.id) }),
  }),
  route({
    method: "GET",
    path: "/api/v1/sessions/:id/tree",
    summary: "the spawn tree below the session",
    handle: ({ ws }, { params }) => (getSession(ws, params.id), spawnTree(listSessions(ws), params.id)),
  }),
  route({
    method: "GET",
    path: "/api/v1/sessions/:id/output",
    summary: "the last 64 KiB of a background host's output (hs session logs)",
    handle: ({ ws }, { params }) => ({
      session_id: getSession(ws, params.id).id,
      ...readTail(sessionLogPath(ws, params.id)),
    }),
  }),
  route<z.infer<typeof OutputQuery>>({
    method: "GET",
    path: "/api/v1/sessions/:id/output/stream",
    summary: "Server-Sent Events of the output as it is written (id = byte offset; Last-Event-ID resumes)",
    query: OutputQuery,
    handle: ({ ws, pollMs, headers }, { params, query }) => {
      const file = sessionLogPath(ws, getSession(ws, params.id).id);
      const given = headers["last-event-id"] ?? query.after;
      if (given !== undefined && !/^\d{1,15}$/.test(given.trim())) {
        const hint = `hs session logs ${params.id}`;
        throw new HsError("HS-HTTP-INVALID", `Last-Event-ID '${given}' is not a byte offset`, { hint });
      }
      return outputStream(file, given === undefined ? readTail(file).offset : Number(given.trim()), pollMs);
    },
  }),
];

// /api/v1/sessions: the steering panel's reads (grouped by work packet) and the lifecycle verbs, each the same
// operation the CLI calls with the server's actor (the operator).
import { z } from "zod";
import { childrenOf, getSession, listSessions, SESSION_STATES, ROLES, ISOLATIONS, type SessionRecord } from "../../registry/sessions.ts";
import { recoverCrashedSessions } from "../../sandbox/recovery.ts";
import { pendingCounts } from "../../shim/approvals/requests.ts";
import { listLocks } from "../../sessions/locks.ts";
import { cancelSessionOp, createSessionOp, pauseSessionOp, resumeSessionOp } from "../../sessions/ops.ts";
import { sessionCheckpoints } from "../../checkpoints/index.ts";
import { closeSessionOp, mergeBackOp } from "../../merge/ops.ts";
import { summarize } from "../../merge/summary.ts";
import { STRATEGIES } from "../../merge/plan.ts";
import { sessionLogPath } from "../../sandbox/detach.ts";
import { HsError } from "../../errors.ts";
import { outputStream, readTail } from "../output.ts";
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

const Close = z.strictObject({
  discard: z.boolean().default(false).describe("remove even unmerged work (backup refs are kept); needs a reason"),
  reason: z.string().min(1).max(2000).optional(),
  no_handoff: z.boolean().default(false).describe("close work-bound sessions without a handoff (with a reason)"),
});
const MergeBack = z.strictObject({
  into: z.string().min(1).max(255).optional().describe("target branch; default the session's target"),
  strategy: z.enum(STRATEGIES).default("merge"),
  apply: z.boolean().default(false).describe("false: dry run (artifact, conflict report); true: move the target"),
});

const id = z.string().min(1).max(64);
const Create = z.strictObject({
  id: id.optional().describe("session id; generated when absent"),
  scope: z.array(z.string().min(1).max(512)).max(64).default([]).describe("IN_SCOPE_PATHS globs (from the MT when mt is given)"),
  wp: id.optional(),
  mt: id.optional().describe("bind to a micro-task: its files.modify and files.create become the scope"),
  role: z.enum(ROLES).optional(),
  isolation: z.enum(ISOLATIONS).optional(),
  parent: id.optional(),
  target: z.string().min(1).max(255).optional().describe("the branch merge-back targets"),
  reason: z.string().min(1).max(2000).optional(),
  allow_overlap: z.boolean().default(false),
  max_minutes: z.number().int().positive().optional(),
  max_commands: z.number().int().positive().optional(),
});
const seq = z.string().regex(/^\d{1,15}$/, "a byte offset");
const OutputQuery = z.strictObject({ after: seq.optional().describe("resume after this byte offset") });

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
  route<unknown, z.infer<typeof Create>>({
    method: "POST",
    path: "/api/v1/sessions",
    summary: "create a session (hs session create), optionally from a micro-task",
    body: Create,
    handle: async ({ ws, actor }, { body }) => {
      const budgets = {
        ...(body.max_minutes !== undefined ? { maxMinutes: body.max_minutes } : {}),
        ...(body.max_commands !== undefined ? { maxCommands: body.max_commands } : {}),
      };
      const { session, warnings } = await createSessionOp(ws, actor, {
        id: body.id, scope: body.scope, wp: body.wp, mt: body.mt, role: body.role, isolation: body.isolation, parent: body.parent,
        target: body.target, allowOverlap: body.allow_overlap, reason: body.reason, budgets, cwd: ws.loc.mainRoot,
      });
      return { ...sessionJson(session), warnings };
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
    handle: ({ ws }, { params }) => ({ session_id: getSession(ws, params.id).id, ...readTail(sessionLogPath(ws, params.id)) }),
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
        throw new HsError("HS-HTTP-INVALID", `Last-Event-ID '${given}' is not a byte offset`, { hint: "reconnect without Last-Event-ID" });
      }
      return outputStream(file, given === undefined ? readTail(file).offset : Number(given.trim()), pollMs);
    },
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
  route<unknown, z.infer<typeof Close>>({
    method: "POST",
    path: "/api/v1/sessions/:id/close",
    summary: "remove a finished session's worktree and branch (refused when work would be lost, unless discard)",
    body: Close,
    handle: ({ ws, actor }, { params, body }) =>
      closeSessionOp(ws, actor, { id: params.id, discard: body.discard, reason: body.reason, noHandoff: body.no_handoff }),
  }),
  route<unknown, z.infer<typeof MergeBack>>({
    method: "POST",
    path: "/api/v1/sessions/:id/merge-back",
    summary: "merge-back dry run (artifact + conflict report) or apply, as hs merge-back",
    body: MergeBack,
    handle: ({ ws, actor }, { params, body }) => {
      const outcome = mergeBackOp(ws, actor, { id: params.id, into: body.into, strategy: body.strategy, apply: body.apply });
      return summarize(outcome, { apply: body.apply, strategy: body.strategy });
    },
  }),
];

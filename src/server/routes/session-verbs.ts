// /api/v1/sessions verbs: create, pause, resume, cancel, close, merge-back — each the operation the CLI calls,
// with the server's actor (the operator); the operation's guard decides, never the route.
import { z } from "zod";
import { ROLES, ISOLATIONS } from "../../registry/sessions.ts";
import { cancelSessionOp, createSessionOp, pauseSessionOp, recoverSessionsOp, resumeSessionOp } from "../../sessions/ops.ts";
import { mergeBackOp } from "../../merge/ops.ts";
import { closeSessionOp } from "../../merge/close-ops.ts";
import { summarize } from "../../merge/summary.ts";
import { STRATEGIES } from "../../merge/plan.ts";
import { sessionJson } from "../../sessions/view.ts";
import { route } from "../router.ts";

const id = z.string().min(1).max(64);
export const Create = z.strictObject({
  id: id.optional().describe("session id; generated when absent"),
  scope: z.array(z.string().min(1).max(512)).max(64).default([]).describe("IN_SCOPE_PATHS globs (else the MT's)"),
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
export const Reason = z.strictObject({ reason: z.string().min(1).max(2000).optional().describe("recorded with the change") });
export const Resume = z.strictObject({
  command: z.array(z.string().max(4096)).max(256).optional().describe("command to start when no process is alive"),
});
export const Close = z.strictObject({
  discard: z.boolean().default(false).describe("remove even unmerged work (backup refs are kept); needs a reason"),
  reason: z.string().min(1).max(2000).optional(),
  no_handoff: z.boolean().default(false).describe("close work-bound sessions without a handoff (with a reason)"),
});
export const MergeBack = z.strictObject({
  into: z.string().min(1).max(255).optional().describe("target branch; default the session's target"),
  strategy: z.enum(STRATEGIES).default("merge"),
  apply: z.boolean().default(false).describe("false: dry run (artifact, conflict report); true: move the target"),
});

export const sessionVerbRoutes = [
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
        ...{ id: body.id, scope: body.scope, wp: body.wp, mt: body.mt, role: body.role, isolation: body.isolation },
        ...{ parent: body.parent, target: body.target, allowOverlap: body.allow_overlap, reason: body.reason },
        budgets,
        cwd: ws.loc.mainRoot,
      });
      return { ...sessionJson(session), warnings };
    },
  }),
  route({
    method: "POST",
    path: "/api/v1/sessions/recover",
    summary: "crash recovery: sessions that claim to be live with no live host move to paused (as hs session list does first)",
    handle: ({ ws, actor }) => recoverSessionsOp(ws, actor),
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
    handle: ({ ws, actor }, { params, body }) =>
      resumeSessionOp(ws, actor, { id: params.id, command: body.command ?? [] }),
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
      closeSessionOp(ws, actor, {
        id: params.id,
        discard: body.discard,
        reason: body.reason,
        noHandoff: body.no_handoff,
      }),
  }),
  route<unknown, z.infer<typeof MergeBack>>({
    method: "POST",
    path: "/api/v1/sessions/:id/merge-back",
    summary: "merge-back dry run (artifact + conflict report) or apply, as hs merge-back",
    body: MergeBack,
    handle: async ({ ws, actor }, { params, body }) => {
      const input = { id: params.id, into: body.into, strategy: body.strategy, apply: body.apply };
      const outcome = await mergeBackOp(ws, actor, input);
      return summarize(outcome, { apply: body.apply, strategy: body.strategy });
    },
  }),
];

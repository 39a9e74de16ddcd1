// /api/v1/sessions/:id/checkpoints/restore: put a session's worktree back to one of its checkpoints (all paths,
// or the ones given), as `hs session restore`. The operation checkpoints the current state first, so a restore
// is itself undoable, and refuses while the session's agent runs unpaused.
import { z } from "zod";
import { restoreCheckpoint } from "../../checkpoints/index.ts";
import { route } from "../router.ts";

export const Restore = z.strictObject({
  n: z.number().int().positive().describe("the checkpoint number (hs session checkpoints ID)"),
  paths: z.array(z.string().min(1).max(4096)).max(256).default([]).describe("only these paths (default: all)"),
});

export const checkpointRoutes = [
  route<unknown, z.infer<typeof Restore>>({
    method: "POST",
    path: "/api/v1/sessions/:id/checkpoints/restore",
    summary: "restore the session's worktree to a checkpoint (a safety checkpoint is taken first)",
    body: Restore,
    handle: ({ ws, actor }, { params, body }) =>
      restoreCheckpoint(ws, actor, { sessionId: params.id, n: body.n, paths: body.paths }),
  }),
];

export const verifyRoutes = [
  route({
    method: "GET",
    path: "/api/v1/events/verify",
    summary: "verify the Flight Recorder's hash chain (hs log --verify): ok, count, first bad event",
    handle: ({ fr }) => fr.verify(),
  }),
];

export const workspaceRoutes = [
  route({
    method: "GET",
    path: "/api/v1/workspace",
    summary: "which repository this server serves (the page keys its remembered filters by workspace_id)",
    handle: ({ ws }) => ({
      workspace_id: ws.config.workspace_id,
      project_id: ws.config.project_id,
      main_root: ws.loc.mainRoot,
      name: ws.loc.mainRoot.split(/[\\/]/).pop() ?? "",
    }),
  }),
];

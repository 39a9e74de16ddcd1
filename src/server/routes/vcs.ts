// /api/v1/vcs: version.* for the main checkout (`target=main`) or a session worktree — status, one path's diff,
// commit of selected paths (temporary index), and revert, which only files an inbox approval (approving performs it).
import { z } from "zod";
import { vcsCommitOp, vcsDiffOp, vcsStatusOp, requestRevertOp, DIFF_MAX_BYTES, MAX_PATHS } from "../../vcs/index.ts";
import { json } from "../respond.ts";
import { route } from "../router.ts";

const target = z.string().min(1).max(64).describe("a session id, or main for the main checkout");
const repoPath = z.string().min(1).max(4096);
const StatusQuery = z.strictObject({ target });
const DiffQuery = z.strictObject({
  target,
  path: repoPath.describe("the file (as status lists it; a rename's old or new path)"),
  max_bytes: z.string().regex(/^\d{1,8}$/).optional().describe(`bound on the patch and on each text (max ${DIFF_MAX_BYTES})`),
});
const Commit = z.strictObject({
  target,
  paths: z.array(repoPath).min(1).max(MAX_PATHS).describe("exactly the paths to commit (a rename: both paths)"),
  message: z.string().min(1).max(64 * 1024).describe("stored as an artifact, referenced from the vcs.committed event"),
});
const Revert = z.strictObject({
  target,
  paths: z.array(repoPath).min(1).max(MAX_PATHS).describe("paths whose uncommitted changes are discarded once approved"),
  reason: z.string().min(1).max(2000).optional(),
});

export const vcsRoutes = [
  route<z.infer<typeof StatusQuery>>({
    method: "GET",
    path: "/api/v1/vcs/status",
    summary: "version.status: branch, HEAD and changed files of a session worktree or main (hs vcs status)",
    query: StatusQuery,
    handle: ({ ws, actor }, { query }) => vcsStatusOp(ws, actor, { target: query.target }),
  }),
  route<z.infer<typeof DiffQuery>>({
    method: "GET",
    path: "/api/v1/vcs/diff",
    summary: "version.diff: one path against HEAD, bounded, binary- and rename-aware, with old/new texts (hs vcs diff)",
    query: DiffQuery,
    handle: ({ ws, actor }, { query }) =>
      vcsDiffOp(ws, actor, { target: query.target, path: query.path, maxBytes: query.max_bytes === undefined ? undefined : Number(query.max_bytes) }),
  }),
  route<unknown, z.infer<typeof Commit>>({
    method: "POST",
    path: "/api/v1/vcs/commit",
    summary: "version.commit: exactly the selected paths through a temporary index; hooks run and can refuse (hs vcs commit)",
    body: Commit,
    handle: ({ ws, actor }, { body }) => vcsCommitOp(ws, actor, body),
  }),
  route<unknown, z.infer<typeof Revert>>({
    method: "POST",
    path: "/api/v1/vcs/revert",
    summary: "version.revert: files an inbox approval with a what-could-be-lost preview; approving performs it (hs vcs revert)",
    body: Revert,
    handle: ({ ws, actor }, { body }) => json(202, requestRevertOp(ws, actor, body)),
  }),
];

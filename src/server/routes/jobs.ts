// /api/v1/recipes and /api/v1/jobs: allowlisted recipes run in a session's sandbox at once (201); a custom command
// files an inbox approval first (202) and runs when the operator approves it. Output streams while the job runs.
import { z } from "zod";
import { HsError } from "../../errors.ts";
import { getJobOp, listJobsOp, listRecipes, requestCustomJobOp, runRecipeOp } from "../../jobs/ops.ts";
import { jobJson } from "../../jobs/view.ts";
import { json } from "../respond.ts";
import { outputStream, readTail } from "../output.ts";
import { route } from "../router.ts";

const session = z.string().min(1).max(64).describe("the session whose sandbox runs the job");
const Start = z.union([
  z.strictObject({ session, recipe: z.string().min(1).max(32).describe("a name from workspace.json recipes") }),
  z.strictObject({ session, command: z.array(z.string().min(1).max(4096)).min(1).max(256).describe("argv of a custom command (approval first)") }),
]);
const ListQuery = z.strictObject({ session: z.string().max(64).optional().describe("only this session's jobs") });
const OutputQuery = z.strictObject({
  after: z.string().regex(/^\d{1,15}$/, "a byte offset").optional().describe("resume after this byte offset"),
  format: z.enum(["sse", "json"]).default("sse").describe("sse: a live stream (default); json: the last 64 KiB"),
});

export const jobRoutes = [
  route({
    method: "GET",
    path: "/api/v1/recipes",
    summary: "the allowlisted job recipes (workspace.json recipes; hs job recipes)",
    handle: ({ ws }) => ({ recipes: listRecipes(ws) }),
  }),
  route<unknown, z.infer<typeof Start>>({
    method: "POST",
    path: "/api/v1/jobs",
    summary: "run a recipe in a session's sandbox (201), or file a custom command for approval (202) (hs job run)",
    body: Start,
    handle: ({ ws, actor }, { body }) => {
      if ("recipe" in body) {
        const job = runRecipeOp(ws, actor, { session: body.session, recipe: body.recipe });
        return json(201, { job_id: job.job_id, state: job.state });
      }
      return json(202, requestCustomJobOp(ws, actor, { session: body.session, command: body.command }));
    },
  }),
  route<z.infer<typeof ListQuery>>({
    method: "GET",
    path: "/api/v1/jobs",
    summary: "jobs, oldest first (?session=; hs job list)",
    query: ListQuery,
    handle: ({ ws }, { query }) => ({ jobs: listJobsOp(ws, { session: query.session }).map(jobJson) }),
  }),
  route<z.infer<typeof OutputQuery>>({
    method: "GET",
    path: "/api/v1/jobs/:id/output",
    summary: "a job's output: Server-Sent Events as it is written (id = byte offset; Last-Event-ID resumes), or ?format=json (hs job logs)",
    query: OutputQuery,
    handle: ({ ws, pollMs, headers }, { params, query }) => {
      const job = getJobOp(ws, params.id);
      if (query.format === "json") return { job_id: job.job_id, state: job.state, ...readTail(job.log_path) };
      const given = headers["last-event-id"] ?? query.after;
      if (given !== undefined && !/^\d{1,15}$/.test(given.trim())) {
        throw new HsError("HS-HTTP-INVALID", `Last-Event-ID '${given}' is not a byte offset`, { hint: `hs job logs ${job.job_id}` });
      }
      return outputStream(job.log_path, given === undefined ? 0 : Number(given.trim()), pollMs);
    },
  }),
];

// How a job looks in the API and `hs job list --json` (the shape the DCC contract names).
import type { JobRecord } from "./store.ts";

export function jobJson(job: JobRecord) {
  return {
    job_id: job.job_id,
    session: job.session,
    ...(job.recipe ? { recipe: job.recipe } : {}),
    command: job.command,
    state: job.state,
    ...(job.exit_code !== null ? { exit_code: job.exit_code } : {}),
    ...(job.error ? { error: job.error } : {}),
    ...(job.request_id ? { request_id: job.request_id } : {}),
    created_at: job.created_at,
    started_at: job.started_at,
    ...(job.ended_at ? { ended_at: job.ended_at } : {}),
    ...(job.artifact ? { artifact: job.artifact } : {}),
  };
}

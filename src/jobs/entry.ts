// `hs __job ID`: the background runner of one job. Hosts the command in the session's sandbox (the same host as
// `hs session run`), then records how it ended and keeps the output as a content-addressed artifact.
import fs from "node:fs";
import { openWorkspace } from "../registry/workspace.ts";
import { storeContent } from "../registry/content-artifact.ts";
import { getSession } from "../registry/sessions.ts";
import { SYSTEM } from "../ops/actor.ts";
import { runHost } from "../sandbox/host.ts";
import { getJob, updateJob } from "./store.ts";

export async function run(argv: string[]): Promise<number> {
  const id = argv[0] ?? "";
  const ws = openWorkspace(process.cwd());
  try {
    const job = getJob(ws.db, id);
    if (!job || job.state !== "queued") return 2;
    const session = getSession(ws, job.session);
    const ids = { session_id: session.id, wp_id: session.wp, mt_id: session.mt };
    updateJob(ws.db, id, { state: "running", started_at: new Date().toISOString(), runner_pid: process.pid });
    ws.record({ type: "job.started", actor: "system", ...ids, payload: { job_id: id, recipe: job.recipe, argv: job.command } });
    let code: number;
    let error: string | null = null;
    try {
      code = await runHost({ sessionId: session.id, actor: SYSTEM, mode: "run", command: job.command, detached: true, cwd: session.worktree, logPath: job.log_path });
    } catch (thrown) {
      error = (thrown as Error).message;
      process.stderr.write(`hs: job ${id} did not start: ${error}\n`);
      code = -1;
    }
    const output = fs.existsSync(job.log_path) ? fs.readFileSync(job.log_path) : Buffer.alloc(0);
    const stored = storeContent(ws, output);
    const state = code === 0 ? "succeeded" : "failed";
    updateJob(ws.db, id, { state, exit_code: code < 0 ? null : code, error, artifact: stored.artifact, ended_at: new Date().toISOString() });
    const payload = { job_id: id, state, exit_code: code < 0 ? null : code, error, output_artifact: stored.artifact, output_sha256: stored.sha256, output_bytes: stored.bytes };
    ws.record({ type: "job.finished", actor: "system", ...ids, payload });
    return code < 0 ? 1 : code;
  } finally {
    ws.close();
  }
}

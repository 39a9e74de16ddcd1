// Jobs: an allowlisted recipe (workspace.json `recipes`) runs in a session's sandbox at once; a custom command is
// filed as an inbox approval first and runs when the operator approves it. Either way a background runner hosts it
// in the sandbox, its output goes to a log (streamed while it runs) and becomes an artifact when it ends.
import path from "node:path";
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import { getSession, isTerminal, sessionDir, type SessionRecord } from "../registry/sessions.ts";
import { authorize } from "../ops/guard.ts";
import { actorLabel, frActor, OPERATOR, type Actor } from "../ops/actor.ts";
import { consume, fileRequest } from "../shim/approvals/ops.ts";
import { CUSTOM_JOB_RULE } from "../ops/approved-rules.ts";
import type { ApprovalRequest } from "../shim/approvals/types.ts";
import { shQuote } from "../shim/shell-quote.ts";
import { getJob, insertJob, listJobs, newJobId, updateJob, type JobRecord } from "./store.ts";
import { spawnJobRunner } from "./spawn.ts";


export function listRecipes(ws: Workspace): Array<{ name: string; command: string[] }> {
  return Object.entries(ws.config.recipes ?? {}).map(([name, command]) => ({ name, command }));
}

function runnable(ws: Workspace, id: string): SessionRecord {
  const session = getSession(ws, id);
  if (isTerminal(session.state) || session.closedAt) {
    throw new HsError("HS-SESSION-TERMINAL", `session '${id}' is ${session.closedAt ? "closed" : session.state}; jobs run in live sessions`, { hint: `hs session show ${id}` });
  }
  return session;
}

function startJob(ws: Workspace, actor: Actor, session: SessionRecord, job: { recipe: string | null; command: string[]; requestId: string | null }): JobRecord {
  const id = newJobId();
  const log = path.join(sessionDir(ws, session.id), "jobs", `${id}.log`);
  const record = insertJob(ws.db, { job_id: id, session: session.id, recipe: job.recipe, command: job.command, request_id: job.requestId, requested_by: actorLabel(actor), log_path: log });
  const ids = { session_id: session.id, wp_id: session.wp, mt_id: session.mt };
  ws.record({ type: "job.queued", actor: frActor(actor), ...ids, payload: { job_id: id, recipe: job.recipe, argv: job.command, request_id: job.requestId } });
  const pid = spawnJobRunner(id, log, ws.loc.mainRoot);
  return updateJob(ws.db, record.job_id, { runner_pid: pid });
}

export function runRecipeOp(ws: Workspace, actor: Actor, input: { session: string; recipe: string }): JobRecord {
  authorize(ws, actor, `job run ${shQuote(input.session)} ${shQuote(input.recipe)}`, { who: "session-tree", session: input.session });
  const session = runnable(ws, input.session);
  const recipes = ws.config.recipes ?? {};
  const command = Object.hasOwn(recipes, input.recipe) ? recipes[input.recipe] : undefined;
  if (!command) {
    const known = Object.keys(recipes);
    throw new HsError("HS-RECIPE-UNKNOWN", `no recipe '${input.recipe}' in workspace.json recipes (${known.length ? known.join(", ") : "none defined"})`, {
      hint: known.length ? `hs job run ${input.session} ${known[0]}` : `hs job run ${input.session} -- CMD…   # a custom command, after approval`,
    });
  }
  return startJob(ws, actor, session, { recipe: input.recipe, command, requestId: null });
}

const customArgv = (session: string, command: string[]) => ["hs", "job", "run", session, "--", ...command];

/** A custom command never runs directly: it becomes an inbox request; approving it starts the job. */
export function requestCustomJobOp(ws: Workspace, actor: Actor, input: { session: string; command: string[] }): { request_id: string } {
  authorize(ws, actor, `job run ${shQuote(input.session)} -- ${input.command.map(shQuote).join(" ")}`, { who: "session-tree", session: input.session });
  const session = runnable(ws, input.session);
  if (!input.command.length) throw new HsError("HS-USAGE", "give the command to run after --", { hint: `hs job run ${session.id} -- npm test` });
  const argv = customArgv(session.id, input.command);
  const request = fileRequest(ws, actor, {
    sessionId: session.id, workspaceId: ws.config.workspace_id, wp: session.wp, mt: session.mt, tool: "git", argv,
    cwd: session.worktree, rule: CUSTOM_JOB_RULE, reason: `run a command that is not a recipe in session ${session.id}'s sandbox`,
    hint: "hs approve {request}   # starts the job", grantable: false,
    preview: [{ title: `job in session ${session.id}'s sandbox (its worktree, its scope, its gate)`, entries: [{ kind: "command", text: input.command.map(shQuote).join(" ") }], truncated: false }],
    timeoutSeconds: ws.config.approvals.timeout_seconds, waiterPid: null,
  });
  return { request_id: request.id };
}

/** Runs when the operator approves a `hs.job.custom` request (called by the approval operation). */
export function startApprovedJob(ws: Workspace, actor: Actor, request: ApprovalRequest): { job_id: string; state: string } {
  const [, , , session, dash, ...command] = request.argv;
  if (dash !== "--" || !session) throw new HsError("HS-INTERNAL", `not a job request: ${request.argv.join(" ")}`);
  const live = runnable(ws, session);
  consume(ws, OPERATOR, { request, status: "approved", argv: request.argv });
  const job = startJob(ws, actor, live, { recipe: null, command, requestId: request.id });
  return { job_id: job.job_id, state: job.state };
}

export function listJobsOp(ws: Workspace, input: { session?: string } = {}): JobRecord[] {
  return listJobs(ws.db, input);
}

export function getJobOp(ws: Workspace, id: string): JobRecord {
  const job = getJob(ws.db, id);
  if (!job) throw new HsError("HS-JOB-NOT-FOUND", `no job '${id}'`, { hint: "hs job list" });
  return job;
}

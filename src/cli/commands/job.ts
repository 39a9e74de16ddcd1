// hs job run ID RECIPE | hs job run ID -- CMD… (an inbox approval first) | hs job list | hs job logs JOB |
// hs job recipes: jobs in a session's sandbox (src/jobs), the same operations as the DCC API.
import fs from "node:fs";
import { parser, parseArgs, splitAtDoubleDash } from "../args.ts";
import { dispatch } from "../dispatch.ts";
import { printJson, printLines, table } from "../output.ts";
import { HsError } from "../../errors.ts";
import { withWorkspace } from "../with-workspace.ts";
import { currentActor } from "../../ops/current.ts";
import { getJobOp, listJobsOp, listRecipes, requestCustomJobOp, runRecipeOp } from "../../jobs/ops.ts";
import { jobJson } from "../../jobs/view.ts";
import { shQuote } from "../../shim/shell-quote.ts";
import { terminalSafe } from "../terminal-safe.ts";

async function runJob(argv: string[]): Promise<number | void> {
  const { options, command } = splitAtDoubleDash(argv);
  const args = parseArgs(options, parser(options, "hs job run <session>").demandCommand(1, 2, "give a session id and a recipe (or -- CMD…)").option("json", { type: "boolean", default: false }));
  if (!args) return;
  const session = String(args._[0]);
  const recipe = args._[1] === undefined ? undefined : String(args._[1]);
  if ((recipe === undefined) === (command.length === 0)) {
    throw new HsError("HS-USAGE", "give either a recipe name or a custom command after --", { hint: `hs job recipes   # or: hs job run ${session} -- npm test` });
  }
  if (recipe !== undefined) {
    const job = await withWorkspace((ws) => runRecipeOp(ws, currentActor(), { session, recipe }));
    if (args.json) return printJson(jobJson(job));
    return printLines([`job ${job.job_id} (${recipe}: ${job.command.map(shQuote).join(" ")}) started in session ${session}'s sandbox`, `next: hs job logs ${job.job_id}`]);
  }
  const ask = await withWorkspace((ws) => requestCustomJobOp(ws, currentActor(), { session, command }));
  if (args.json) return printJson(ask);
  printLines([`a custom command needs the operator's approval: request ${ask.request_id} is pending`, `next: hs approve ${ask.request_id}   # starts the job`]);
}

async function list(argv: string[]): Promise<number | void> {
  const args = parseArgs(argv, parser(argv, "hs job list").option("session", { type: "string" }).option("json", { type: "boolean", default: false }));
  if (!args) return;
  const jobs = await withWorkspace((ws) => listJobsOp(ws, { session: args.session }));
  if (args.json) return printJson(jobs.map(jobJson));
  if (!jobs.length) return printLines(["no jobs", "next: hs job recipes"]);
  printLines(table(["job", "session", "state", "exit", "command"], jobs.map((j) => [j.job_id, j.session, j.state, j.exit_code === null ? "" : String(j.exit_code), terminalSafe(j.recipe ?? j.command.map(shQuote).join(" "))])));
}

async function logs(argv: string[]): Promise<number | void> {
  const args = parseArgs(argv, parser(argv, "hs job logs <job>").demandCommand(1, 1, "give a job id (hs job list)").option("json", { type: "boolean", default: false }));
  if (!args) return;
  const job = await withWorkspace((ws) => getJobOp(ws, String(args._[0])));
  const text = fs.existsSync(job.log_path) ? fs.readFileSync(job.log_path, "utf8") : "";
  if (args.json) return printJson({ ...jobJson(job), text });
  process.stdout.write(process.stdout.isTTY ? terminalSafe(text) : text);
}

async function recipes(argv: string[]): Promise<number | void> {
  const args = parseArgs(argv, parser(argv, "hs job recipes").option("json", { type: "boolean", default: false }));
  if (!args) return;
  const all = await withWorkspace((ws) => listRecipes(ws));
  if (args.json) return printJson(all);
  if (!all.length) return printLines(['no recipes; add them to .handshake/workspace.json, e.g. "recipes": {"test": ["npm", "test"]}']);
  printLines(all.map((r) => `${r.name}: ${r.command.map(shQuote).join(" ")}`));
}

export async function run(argv: string[]): Promise<number | void> {
  return dispatch("job", argv, { run: runJob, list, logs, recipes });
}

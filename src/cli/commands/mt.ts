// hs mt …: micro-tasks. Parsing and printing only; the verbs are in src/work/ops.ts.
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines } from "../output.ts";
import { ITERATION_OUTCOMES } from "../../work/mt-model.ts";
import { addMt, iterateMt, listMts, moveMt, showMt, type MtVerb } from "../../work/ops.ts";
import { dispatch, mtLine, positional, withWorkspace, type Sub } from "./work/common.ts";

const add: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs mt add <wp>")
      .demandCommand(1, "give the work packet id")
      .option("name", { type: "string", demandOption: true })
      .option("id", { type: "string", describe: "MT-… (default: the next MT-<nnn>)" })
      .option("files-modify", {
        type: "string",
        array: true,
        default: [] as string[],
        describe: "globs the task changes (session scope)",
      })
      .option("files-create", {
        type: "string",
        array: true,
        default: [] as string[],
        describe: "globs the task creates (session scope)",
      })
      .option("files-read", { type: "string", array: true, default: [] as string[], describe: "globs the task reads" })
      .option("done-criterion", { type: "string", array: true, default: [] as string[] })
      .option("depends-on", {
        type: "string",
        array: true,
        default: [] as string[],
        describe: "micro-tasks to complete first",
      })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const wp = positional(args, "the work packet id", "hs mt add WP-1 --name 'cart totals' --files-modify 'src/cart/**'");
  const strings = (values: (string | number)[]) => values.map(String);
  const { mt } = await withWorkspace((ws, actor) =>
    addMt(ws, actor, {
      wp,
      id: args.id,
      name: args.name,
      modify: strings(args["files-modify"]),
      create: strings(args["files-create"]),
      read: strings(args["files-read"]),
      doneCriteria: strings(args["done-criterion"]),
      dependsOn: strings(args["depends-on"]),
    }),
  );
  if (args.json) return printJson(mt);
  printLines([
    `added ${mt.mt_id} to ${mt.wp_id}: ${mt.name}`,
    `next: hs session create --mt ${mt.mt_id} --agent claude-code`,
  ]);
};

const move: Sub = async (argv, verb) => {
  const args = parseArgs(
    argv,
    parser(argv, `hs mt ${verb} <id>`)
      .demandCommand(1, "give a micro-task id")
      .option("reason", { type: "string" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const id = positional(args, "a micro-task id", `hs mt ${verb} MT-001`);
  const { mt } = await withWorkspace((ws, actor) =>
    moveMt(ws, actor, { id, verb: verb as MtVerb, reason: args.reason }),
  );
  if (args.json) return printJson(mt);
  printLines([`${mt.mt_id}: ${mt.status}`]);
};

const iterate: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs mt iterate <id>")
      .demandCommand(1, "give a micro-task id")
      .option("outcome", { choices: ITERATION_OUTCOMES, demandOption: true })
      .option("evidence", { type: "string", describe: "artifact handle, commit or path" })
      .option("summary", { type: "string" })
      .option("session", {
        type: "string",
        describe: "the session that did the work (default: this session, inside one)",
      })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const id = positional(args, "a micro-task id", "hs mt iterate MT-001 --outcome SUCCESS");
  const { mt } = await withWorkspace((ws, actor) =>
    iterateMt(ws, actor, {
      id,
      outcome: args.outcome,
      evidence: args.evidence,
      summary: args.summary,
      session: args.session,
    }),
  );
  if (args.json) return printJson(mt);
  printLines([`${mt.mt_id}: iteration ${mt.current_iteration} ${args.outcome} (${mt.status})`]);
};

const list: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs mt list").option("wp", { type: "string" }).option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const mts = await withWorkspace((ws) => listMts(ws, { wp: args.wp }));
  if (args.json) return printJson(mts);
  printLines(mts.length ? mts.map(mtLine) : ["no micro-tasks (hs mt add WP_ID --name TEXT --files-modify GLOB)"]);
};

const show: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs mt show <id>")
      .demandCommand(1, "give a micro-task id")
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const id = positional(args, "a micro-task id", "hs mt list");
  const view = await withWorkspace((ws) => showMt(ws, id));
  if (args.json) return printJson(view);
  printLines([
    mtLine(view),
    ...(view.files.read.length ? [`  reads: ${view.files.read.join(" ")}`] : []),
    ...view.done_criteria.map((criterion) => `  done when: ${criterion}`),
    ...(view.depends_on.length ? [`  after: ${view.depends_on.join(", ")}`] : []),
    ...view.sessions.map(
      (s) => `  session ${s.id} ${s.state}  ${s.worktree ?? "-"}  approvals pending: ${s.pending_approvals}`,
    ),
    ...view.iterations.map(
      (it) =>
        `  iteration ${it.iteration} ${it.outcome}${it.session_id ? ` by ${it.session_id}` : ""}${it.evidence_ref ? ` evidence ${it.evidence_ref}` : ""}`,
    ),
    ...view.handoffs.map((h) => `  handoff ${h.handoff_id.slice(0, 8)} by ${h.execution_session_id}`),
  ]);
};

const SUBS: Record<string, { describe: string; run: Sub }> = {
  add: { describe: "register a micro-task under a work packet", run: add },
  list: { describe: "list micro-tasks", run: list },
  show: { describe: "one micro-task with its sessions, iterations, handoffs", run: show },
  start: { describe: "-> in_progress", run: move },
  done: { describe: "in_progress -> completed", run: move },
  fail: { describe: "-> failed", run: move },
  skip: { describe: "-> skipped", run: move },
  iterate: { describe: "record an iteration (a session: for itself only)", run: iterate },
};

export function run(argv: string[]): Promise<number | void> {
  return dispatch("mt", SUBS, argv);
}

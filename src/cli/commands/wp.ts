// hs wp …: work packets. Parsing and printing only; the verbs are in src/work/ops.ts.
import { HsError } from "../../errors.ts";
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines } from "../output.ts";
import { WP_STATUSES, WP_TYPES } from "../../work/wp-model.ts";
import {
  createWp,
  dependWp,
  listWps,
  moveWp,
  noteWp,
  readyWps,
  showWp,
  syncBoardOp,
  updateWp,
  type WpVerb,
} from "../../work/ops.ts";
import { NOTE_TYPES } from "../../work/notes.ts";
import { dispatch, positional, readTextFile, withWorkspace, wpLine, type Sub } from "./work/common.ts";

const create: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs wp create")
      .option("title", { type: "string", demandOption: true })
      .option("id", { type: "string", describe: "WP-… (default: the next WP-<n>)" })
      .option("type", { choices: WP_TYPES, default: "feature" as const })
      .option("priority", { type: "number", default: 2, describe: "0 (highest) to 4" })
      .option("scope", {
        type: "string",
        array: true,
        default: [] as string[],
        describe: "IN_SCOPE_PATHS of the packet (informative)",
      })
      .option("label", { type: "string", array: true, default: [] as string[] })
      .option("description-file", { type: "string", describe: "markdown file with the description" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const description = readTextFile(args["description-file"], "--description-file");
  const { wp, board } = await withWorkspace((ws, actor) =>
    createWp(ws, actor, {
      id: args.id,
      title: args.title,
      type: args.type,
      priority: checkPriority(args.priority),
      scope: args.scope.map(String),
      labels: args.label.map(String),
      description,
    }),
  );
  if (args.json) return printJson(wp);
  printLines([
    `created ${wp.wp_id} (${wp.status}): ${wp.title}`,
    `  board: ${board.path}`,
    `next: hs mt add ${wp.wp_id} --name 'first task' --files-modify 'src/**'   then: hs wp ready ${wp.wp_id}`,
  ]);
};

function checkPriority(priority: number | undefined): number | undefined {
  if (priority !== undefined && !(Number.isInteger(priority) && priority >= 0 && priority <= 4))
    throw new HsError("HS-USAGE", "--priority must be an integer from 0 to 4", {
      hint: "hs wp create --help   (0 is the highest priority, 4 the lowest)",
    });
  return priority;
}

const update: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs wp update <id>")
      .demandCommand(1, "give a work packet id")
      .option("title", { type: "string" })
      .option("type", { choices: WP_TYPES })
      .option("priority", { type: "number" })
      .option("scope", { type: "string", array: true })
      .option("label", { type: "string", array: true })
      .option("description-file", { type: "string" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const id = positional(args, "a work packet id", "hs wp update WP-1 --title 'new title'");
  const changes = {
    title: args.title,
    type: args.type,
    priority: checkPriority(args.priority),
    scope: args.scope?.map(String),
    labels: args.label?.map(String),
    description: readTextFile(args["description-file"], "--description-file"),
  };
  const { wp } = await withWorkspace((ws, actor) => updateWp(ws, actor, { id, changes }));
  if (args.json) return printJson(wp);
  printLines([`updated ${wp.wp_id} (version ${wp.version})`]);
};

const move: Sub = async (argv, verb) => {
  const args = parseArgs(
    argv,
    parser(argv, `hs wp ${verb} <id>`)
      .demandCommand(1, "give a work packet id")
      .option("reason", {
        type: "string",
        describe: verb === "block" ? "why it is blocked (required)" : "recorded with the change",
      })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const id = positional(args, "a work packet id", `hs wp ${verb} WP-1`);
  const { wp, from, board } = await withWorkspace((ws, actor) =>
    moveWp(ws, actor, { id, verb: verb as WpVerb, reason: args.reason }),
  );
  if (args.json) return printJson({ ...wp, from_status: from });
  printLines([`${wp.wp_id}: ${from} -> ${wp.status}`, `  board: ${board.path}`]);
};

const depend: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs wp depend <id> --on <blocker>")
      .demandCommand(1, "give a work packet id")
      .option("on", { type: "string", demandOption: true, describe: "the work packet that must be done first" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const id = positional(args, "a work packet id", "hs wp depend WP-2 --on WP-1");
  const { wp } = await withWorkspace((ws, actor) => dependWp(ws, actor, { id, on: args.on }));
  if (args.json) return printJson(wp);
  printLines([`${wp.wp_id} now waits for ${args.on}`]);
};

const note: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs wp note <id>")
      .demandCommand(1, "give a work packet id")
      .option("text", { type: "string" })
      .option("file", { type: "string" })
      .option("type", { choices: NOTE_TYPES, default: "user" as const })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const id = positional(args, "a work packet id", "hs wp note WP-1 --text 'what was decided'");
  const text = args.text ?? readTextFile(args.file, "--file");
  if (text === undefined)
    throw new HsError("HS-USAGE", "give --text TEXT or --file FILE", {
      hint: `hs wp note ${id} --text 'what was decided and why'`,
    });
  const added = await withWorkspace((ws, actor) => noteWp(ws, actor, { id, text, type: args.type }));
  if (args.json) return printJson(added);
  printLines([`note ${added.note_id} appended to ${id} (notes are append-only; a correction is a new note)`]);
};

const list: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs wp list")
      .option("status", { choices: WP_STATUSES })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const wps = await withWorkspace((ws) => listWps(ws, { status: args.status }));
  if (args.json) return printJson(wps);
  printLines(wps.length ? wps.map(wpLine) : ["no work packets (hs wp create --title 'what to do')"]);
};

const readyList: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs wp ready-list")
      .option("limit", { type: "number", default: 20 })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const wps = await withWorkspace((ws) => readyWps(ws, args.limit));
  if (args.json) return printJson(wps);
  printLines(wps.length ? wps.map(wpLine) : ["nothing ready (hs wp ready ID marks a refined packet ready)"]);
};

const show: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs wp show <id>")
      .demandCommand(1, "give a work packet id")
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const id = positional(args, "a work packet id", "hs wp list");
  const view = await withWorkspace((ws) => showWp(ws, id));
  if (args.json) return printJson(view);
  printLines([
    wpLine(view),
    ...(view.description ? [`  ${view.description.trim().split("\n")[0]}`] : []),
    `  gates: pre_work ${view.gates.pre_work.status}, post_work ${view.gates.post_work.status}${view.status_reason ? `; reason: ${view.status_reason}` : ""}`,
    ...(view.dependencies.length
      ? [
          `  after: ${view.dependencies.map((dep) => dep.from_wp_id).join(", ")} (open: ${view.open_blockers.join(", ") || "none"})`,
        ]
      : []),
    ...view.micro_tasks.flatMap((mt) => [
      `  ${mt.mt_id} ${mt.status}: ${mt.name}  [${[...mt.files.modify, ...mt.files.create].join(" ")}]`,
      ...mt.sessions.map(
        (s) =>
          `    session ${s.id} ${s.state}  ${s.worktree ?? "-"}  approvals pending: ${s.pending_approvals}  merge-backs: ${s.merge_backs.map((m) => `${m.artifact} (${m.status})`).join(", ") || "none"}`,
      ),
    ]),
    ...view.notes.map((n) =>
      "unreadable" in n
        ? `  note ${n.note_id}: unreadable`
        : `  note [${n.created_at} ${n.author} ${n.note_type}] ${n.summary}`,
    ),
    ...view.handoffs.map(
      (h) => `  handoff ${h.handoff_id.slice(0, 8)} by ${h.execution_session_id} at ${h.created_at}`,
    ),
    ...view.anchors.map((a) => `  anchor ${a.anchor_id}: ${a.title}`),
  ]);
};

const board: Sub = async (argv) => {
  const args = parseArgs(argv, parser(argv, "hs wp board").option("json", { type: "boolean", default: false }));
  if (!args) return;
  const result = await withWorkspace((ws, actor) => syncBoardOp(ws, actor));
  if (args.json) return printJson(result);
  process.stdout.write((await import("node:fs")).readFileSync(result.path, "utf8"));
};

const SUBS: Record<string, { describe: string; run: Sub }> = {
  create: { describe: "create a work packet (status stub)", run: create },
  list: { describe: "list work packets", run: list },
  show: { describe: "one work packet with its micro-tasks, sessions, merge-backs, handoffs", run: show },
  update: { describe: "change title, description, priority, type, labels, scope", run: update },
  ready: { describe: "stub -> ready (refined)", run: move },
  start: { describe: "ready/blocked/gated -> in_progress", run: move },
  block: { describe: "-> blocked (needs --reason)", run: move },
  gate: { describe: "in_progress -> gated (all micro-tasks completed or skipped)", run: move },
  done: { describe: "gated -> done (post-work gate passed)", run: move },
  cancel: { describe: "-> cancelled", run: move },
  note: { describe: "append a note (sidecar file under notes/; never rewritten)", run: note },
  depend: { describe: "A --on B: A waits until B is done (cycles refused)", run: depend },
  "ready-list": { describe: "ready work whose blockers are done, by priority then age", run: readyList },
  board: { describe: "regenerate .handshake/gov/TASK_BOARD.md and print it", run: board },
};

export function run(argv: string[]): Promise<number | void> {
  return dispatch("wp", SUBS, argv);
}

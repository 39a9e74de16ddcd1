// hs anchor …: objective anchors. Parsing and printing only; the verbs are in src/work/ops.ts.
import { HsError } from "../../errors.ts";
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines } from "../output.ts";
import { createAnchor, findAnchor, linkAnchor, listAnchors, noteAnchor } from "../../work/ops.ts";
import { getBlob } from "../../work/blobs.ts";
import type { LinkKind } from "../../work/anchor-store.ts";
import { dispatch, positional, readTextFile, withWorkspace, type Sub } from "./work/common.ts";

const create: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs anchor create")
      .option("title", { type: "string", demandOption: true })
      .option("id", { type: "string", describe: "AN-… (default: the next AN-<n>)" })
      .option("description-file", { type: "string" })
      .option("criterion", {
        type: "string",
        array: true,
        default: [] as string[],
        describe: "acceptance criterion (repeatable)",
      })
      .option("wp", { type: "string", describe: "link to this work packet now" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const anchor = await withWorkspace((ws, actor) =>
    createAnchor(ws, actor, {
      id: args.id,
      title: args.title,
      description: readTextFile(args["description-file"], "--description-file"),
      criteria: args.criterion.map(String),
      wp: args.wp,
    }),
  );
  if (args.json) return printJson(anchor);
  printLines([`created anchor ${anchor.anchor_id}: ${anchor.title}`]);
};

const LINK_FLAGS = {
  wp: "wp",
  mt: "mt",
  session: "session",
  commit: "commit",
  artifact: "artifact",
  workspace: "workspace",
  "depends-on-anchor": "depends_on_anchor",
  "depends-on-wp": "depends_on_wp",
} as const satisfies Record<string, LinkKind>;

const link: Sub = async (argv) => {
  let build = parser(argv, "hs anchor link <id>")
    .demandCommand(1, "give an anchor id")
    .option("json", { type: "boolean", default: false });
  for (const flag of Object.keys(LINK_FLAGS)) build = build.option(flag, { type: "string" });
  const args = parseArgs(argv, build) as
    | (Record<string, unknown> & { _: (string | number)[]; json: boolean })
    | undefined;
  if (!args) return;
  const id = positional(args, "an anchor id", "hs anchor link AN-1 --wp WP-1");
  const given = Object.entries(LINK_FLAGS).filter(([flag]) => typeof args[flag] === "string");
  if (given.length !== 1)
    throw new HsError(
      "HS-USAGE",
      "give exactly one of --wp, --mt, --session, --commit, --artifact, --workspace, --depends-on-anchor, --depends-on-wp",
      { hint: `hs anchor link ${id} --wp WP-1` },
    );
  const [flag, kind] = given[0]!;
  const anchor = await withWorkspace((ws, actor) => linkAnchor(ws, actor, { id, kind, target: String(args[flag]) }));
  if (args.json) return printJson(anchor);
  printLines([`${anchor.anchor_id} linked: ${kind} ${String(args[flag])}`]);
};

const note: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs anchor note <id>")
      .demandCommand(1, "give an anchor id")
      .option("text", { type: "string" })
      .option("file", { type: "string" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const id = positional(args, "an anchor id", "hs anchor note AN-1 --text 'what changed'");
  const text = args.text ?? readTextFile(args.file, "--file");
  if (text === undefined)
    throw new HsError("HS-USAGE", "give --text TEXT or --file FILE", {
      hint: `hs anchor note ${id} --text 'what changed and why'`,
    });
  const added = await withWorkspace((ws, actor) => noteAnchor(ws, actor, { id, text }));
  if (args.json) return printJson(added);
  printLines([`note ${added.note_id} appended to ${id} (notes are append-only; a correction is a new note)`]);
};

const list: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs anchor list").option("wp", { type: "string" }).option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const anchors = await withWorkspace((ws) => listAnchors(ws, { wp: args.wp }));
  if (args.json) return printJson(anchors);
  printLines(
    anchors.length
      ? anchors.map(
          (a) => `${a.anchor_id.padEnd(8)} ${a.status.padEnd(11)} ${(a.linked_wp_id ?? "-").padEnd(12)} ${a.title}`,
        )
      : ["no anchors (hs anchor create --title 'what we are doing')"],
  );
};

const show: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs anchor show <id>")
      .demandCommand(1, "give an anchor id")
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const id = positional(args, "an anchor id", "hs anchor list");
  const view = await withWorkspace((ws) => {
    const anchor = findAnchor(ws, id);
    if (!anchor) throw new HsError("HS-ANCHOR-NOT-FOUND", `no anchor '${id}'`, { hint: "hs anchor list" });
    return { ...anchor, notes: anchor.notes.map((n) => ({ ...n, text: getBlob(ws, n.note_ref).toString("utf8") })) };
  });
  if (args.json) return printJson(view);
  printLines([
    `${view.anchor_id} ${view.status}: ${view.title}${view.linked_wp_id ? `  (WP ${view.linked_wp_id})` : ""}`,
    ...view.acceptance_criteria.map((c) => `  accept when: ${c}`),
    ...view.linked_mt_ids.map((mt) => `  MT ${mt}`),
    ...view.links.map((l) => `  ${l.kind} ${l.id}`),
    ...view.dependencies.map((d) => `  after ${d.kind} ${d.id}`),
    ...view.notes.map((n) => `  [${n.ts} ${n.author}] ${n.text.trim()}`),
  ]);
};

const SUBS: Record<string, { describe: string; run: Sub }> = {
  create: { describe: "create an objective anchor", run: create },
  list: { describe: "list anchors", run: list },
  show: { describe: "one anchor with links and notes", run: show },
  link: { describe: "link to a WP (once), MT, session, commit, artifact, workspace or dependency", run: link },
  note: { describe: "append a note (never edited or deleted)", run: note },
};

export function run(argv: string[]): Promise<number | void> {
  return dispatch("anchor", SUBS, argv);
}

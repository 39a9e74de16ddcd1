// hs handoff …: what a session leaves behind. Parsing and printing only; the verb is in src/work/ops.ts.
import { HsError } from "../../errors.ts";
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines } from "../output.ts";
import { findHandoff, listHandoffs, writeHandoff } from "../../work/ops.ts";
import { getBlob } from "../../work/blobs.ts";
import { dispatch, positional, withWorkspace, type Sub } from "./work/common.ts";

const write: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs handoff write <session>")
      .demandCommand(1, "give the session id")
      .option("done", { type: "string", describe: "file: what was done" })
      .option("done-text", { type: "string", describe: "what was done, inline (instead of --done)" })
      .option("remaining", { type: "string", describe: "file: what remains" })
      .option("remaining-text", { type: "string", describe: "what remains, inline (instead of --remaining)" })
      .option("decision", { type: "string", array: true, default: [] as string[] })
      .option("uncertainty", { type: "string", array: true, default: [] as string[] })
      .option("blocker", { type: "string", array: true, default: [] as string[] })
      .option("evidence", {
        type: "string",
        array: true,
        default: [] as string[],
        describe: "commit, artifact or diff reference",
      })
      .option("anchor", { type: "string", describe: "objective anchor id" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const session = positional(args, "the session id", "hs handoff write s1 --done done.md --remaining remaining.md");
  const strings = (values: (string | number)[]) => values.map(String);
  const source = (file: string | undefined, text: string | undefined, flag: string) => {
    if ((file === undefined) === (text === undefined)) {
      throw new HsError("HS-USAGE", `give exactly one of --${flag} FILE or --${flag}-text TEXT`, {
        hint: `hs handoff write ${session} --done-text 'what was done' --remaining-text 'what remains'`,
      });
    }
    return file !== undefined ? { file } : { text: text! };
  };
  const done = source(args.done, args["done-text"], "done");
  const remaining = source(args.remaining, args["remaining-text"], "remaining");
  const record = await withWorkspace((ws, actor) =>
    writeHandoff(ws, actor, {
      session,
      done,
      remaining,
      decisions: strings(args.decision),
      uncertainties: strings(args.uncertainty),
      blockers: strings(args.blocker),
      evidence: strings(args.evidence),
      anchor: args.anchor,
      cwd: process.cwd(),
    }),
  );
  if (args.json) return printJson(record);
  printLines([
    `handoff ${record.handoff_id} written for ${record.execution_session_id}${record.mt_id ? ` (${record.mt_id})` : ""}`,
  ]);
};

const list: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs handoff list")
      .option("session", { type: "string" })
      .option("wp", { type: "string" })
      .option("mt", { type: "string" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const records = await withWorkspace((ws) => listHandoffs(ws, { session: args.session, wp: args.wp, mt: args.mt }));
  if (args.json) return printJson(records);
  printLines(
    records.length
      ? records.map(
          (h) =>
            `${h.handoff_id}  ${h.execution_session_id.padEnd(12)} ${(h.mt_id ?? h.wp_id ?? "-").padEnd(10)} ${h.created_at}`,
        )
      : ["no handoffs (a session writes one: hs handoff write <session> --done-text '…' --remaining-text '…')"],
  );
};

const show: Sub = async (argv) => {
  const args = parseArgs(
    argv,
    parser(argv, "hs handoff show <id>")
      .demandCommand(1, "give a handoff id")
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const id = positional(args, "a handoff id", "hs handoff list");
  const view = await withWorkspace((ws) => {
    const record = findHandoff(ws, id);
    if (!record) throw new HsError("HS-ARTIFACT-NOT-FOUND", `no handoff '${id}'`, { hint: "hs handoff list" });
    return {
      ...record,
      done: getBlob(ws, record.summary_done_ref).toString("utf8"),
      remaining: getBlob(ws, record.summary_remaining_ref).toString("utf8"),
    };
  });
  if (args.json) return printJson(view);
  const list = (title: string, items: string[]) =>
    items.length ? [`${title}:`, ...items.map((item) => `  - ${item}`)] : [];
  printLines([
    `handoff ${view.handoff_id} by ${view.execution_session_id} (${view.mt_id ?? view.wp_id ?? "unbound"}) at ${view.created_at}`,
    "done:",
    view.done.trimEnd().replace(/^/gm, "  "),
    "remaining:",
    view.remaining.trimEnd().replace(/^/gm, "  "),
    ...list("decisions", view.decisions),
    ...list("uncertainties", view.uncertainties),
    ...list("blockers", view.blockers),
    ...list(
      "evidence",
      view.evidence_links.map((link) => `${link.kind} ${link.ref}`),
    ),
  ]);
};

const SUBS: Record<string, { describe: string; run: Sub }> = {
  write: { describe: "write a handoff for a session (a session: for itself only)", run: write },
  list: { describe: "list handoffs", run: list },
  show: { describe: "one handoff with its texts", run: show },
};

export function run(argv: string[]): Promise<number | void> {
  return dispatch("handoff", SUBS, argv);
}

// hs session checkpoint ID: write a checkpoint now (nothing is written when nothing changed).
import { parser, parseArgs } from "../../args.ts";
import { printJson, printLines } from "../../output.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { currentActor } from "../../../ops/current.ts";
import { takeCheckpoint } from "../../../checkpoints/index.ts";
import { shQuote } from "../../../shim/shell-quote.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs session checkpoint <id>")
      .demandCommand(1, "give a session id")
      .option("json", { type: "boolean", default: false })
      .example("hs session checkpoint fix-cart", "snapshot fix-cart's working state now"),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const id = String(args._[0]);
    const meta = takeCheckpoint(ws, currentActor(), { sessionId: id, trigger: "manual" });
    if (args.json) return printJson(meta);
    printLines(meta ? [`checkpoint ${meta.n} of ${id}: ${meta.files} file(s), ${meta.changed.count} changed`, `next: hs session checkpoints ${shQuote(id)}`] : [`no checkpoint written: ${id}'s working state is unchanged since the last one (or it is a lock-mode session)`]);
  } finally {
    ws.close();
  }
}

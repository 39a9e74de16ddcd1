// hs session restore ID --checkpoint N [--paths GLOB…]: the operator puts a checkpoint back (undoable:
// the replaced state is checkpointed first).
import { parser, parseArgs } from "../../args.ts";
import { printJson, printLines } from "../../output.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { currentActor } from "../../../ops/current.ts";
import { restoreCheckpoint } from "../../../checkpoints/index.ts";
import { shQuote } from "../../../shim/shell-quote.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs session restore <id>")
      .demandCommand(1, "give a session id")
      .option("checkpoint", { type: "number", demandOption: "give --checkpoint N (see hs session checkpoints ID)" })
      .option("paths", { type: "string", array: true, default: [] as string[], describe: "only these globs (scope syntax)" })
      .option("json", { type: "boolean", default: false })
      .example("hs session restore fix-cart --checkpoint 3 --paths 'src/**'", "put src/ back as it was at checkpoint 3"),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const id = String(args._[0]);
    const result = restoreCheckpoint(ws, currentActor(), { sessionId: id, n: args.checkpoint, paths: args.paths.map(String) });
    if (args.json) return printJson(result);
    const undo = result.safety ? `undo: hs session restore ${shQuote(id)} --checkpoint ${result.safety.n}` : "undo: nothing to undo (the state was unchanged)";
    printLines([`restored ${id} to checkpoint ${result.restored}: ${result.written} file(s) written, ${result.removed} removed`, undo]);
  } finally {
    ws.close();
  }
}

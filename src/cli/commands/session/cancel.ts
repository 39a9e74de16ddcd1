import { parser, parseArgs } from "../../args.ts";
import { printJson, printLines } from "../../output.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { cancelSessionOp } from "../../../sessions/ops.ts";
import { shQuote } from "../../../shim/shell-quote.ts";
import { currentActor } from "../../../ops/current.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs session cancel <id>")
      .demandCommand(1, "give a session id")
      .option("reason", { type: "string", describe: "why (recorded; default: cancelled by operator)" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const id = String(args._[0]);
    const result = await cancelSessionOp(ws, currentActor(), { id, reason: args.reason });
    if (args.json) return printJson(result);
    printLines([`cancelled ${result.cancelled.join(", ")}; worktrees and branches are kept`, `next: hs merge-back ${shQuote(id)}   # or, when nothing is worth keeping: hs session close ${shQuote(id)}`]);
  } finally {
    ws.close();
  }
}

// hs deny ID --reason TEXT: the waiting command (or the next identical run) prints the reason and exits 77.
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines } from "../output.ts";
import { openWorkspace } from "../../registry/workspace.ts";
import { currentActor } from "../../ops/current.ts";
import { deny } from "../../shim/approvals/ops.ts";
import { argvText, requestJson } from "../../shim/approvals/view.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs deny <id>")
      .demandCommand(1, "give the request id (see hs approvals)")
      .option("reason", { type: "string", demandOption: "the agent reads it: say why and what to do instead" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const request = deny(ws, currentActor(), { id: String(args._[0]), reason: String(args.reason) });
    if (args.json) return printJson(requestJson(request));
    printLines([`denied ${request.id}: ${argvText(request.argv)}`]);
  } finally {
    ws.close();
  }
}

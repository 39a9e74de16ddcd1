// hs deny ID --reason TEXT: operator only; the waiting command prints the reason and exits 77.
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines } from "../output.ts";
import { openWorkspace } from "../../registry/workspace.ts";
import { assertOperator } from "../../shim/operator.ts";
import { denyRequest } from "../../shim/approvals/actions.ts";
import { requestJson } from "../../shim/approvals/view.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs deny <id>")
      .demandCommand(1, "give the request id (see hs approvals)")
      .option("reason", { type: "string", demandOption: "the agent reads it: say why and what to do instead" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const id = String(args._[0]);
  assertOperator(`deny ${id} --reason ...`);
  const ws = openWorkspace(process.cwd());
  try {
    const request = denyRequest(ws, id, String(args.reason));
    if (args.json) return printJson(requestJson(request));
    printLines([`denied ${request.id}: ${request.argv.join(" ")}`]);
  } finally {
    ws.close();
  }
}

// hs approvals [--all] [--json]: the operator's inbox. Overdue requests (their waiter died) are expired first.
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines } from "../output.ts";
import { openWorkspace } from "../../registry/workspace.ts";
import { expireOverdue, listRequests } from "../../shim/approvals/requests.ts";
import { requestJson, requestLines } from "../../shim/approvals/view.ts";
import { recordExpired } from "../../shim/wait.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs approvals")
      .option("all", { type: "boolean", default: false, describe: "also show decided, expired and withdrawn requests" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    for (const request of expireOverdue(ws.db)) recordExpired(ws, request, "expired", "no decision before the deadline");
    const requests = listRequests(ws.db, { all: args.all });
    if (args.json) return printJson(requests.map((request) => requestJson(request)));
    if (!requests.length) return printLines([args.all ? "no approval requests" : "no pending approval requests"]);
    printLines(requests.flatMap((request, index) => [...(index ? [""] : []), ...requestLines(request)]));
  } finally {
    ws.close();
  }
}

// hs approvals [--all] [--json] [--watch]: the operator's inbox. Before listing it explicitly forgets waiters
// whose process is gone and expires overdue requests (both recorded operations, not side effects of reading).
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines } from "../output.ts";
import { openWorkspace, type Workspace } from "../../registry/workspace.ts";
import { currentActor } from "../../ops/current.ts";
import { expireOverdue, reconcileWaiters } from "../../shim/approvals/ops.ts";
import { listRequests } from "../../shim/approvals/requests.ts";
import { liveWaiters } from "../../shim/approvals/waiters.ts";
import { requestJson, requestLines } from "../../shim/approvals/view.ts";
import type { ApprovalRequest } from "../../shim/approvals/types.ts";

export interface Inbox {
  requests: ApprovalRequest[];
  waiters: Map<string, number>;
}

export function readInbox(ws: Workspace, all: boolean): Inbox {
  const actor = currentActor();
  reconcileWaiters(ws, actor);
  expireOverdue(ws, actor);
  const requests = listRequests(ws.db, { all });
  return { requests, waiters: liveWaiters(ws.db, requests.map((request) => request.id)) };
}

export function inboxLines(inbox: Inbox, all: boolean): string[] {
  if (!inbox.requests.length) return [all ? "no approval requests" : "no pending approval requests"];
  return inbox.requests.flatMap((request, index) => [
    ...(index ? [""] : []),
    ...requestLines(request, { waiters: inbox.waiters.get(request.id) ?? 0 }),
  ]);
}

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs approvals")
      .option("all", { type: "boolean", default: false, describe: "also show decided, expired and withdrawn requests" })
      .option("watch", { type: "boolean", default: false, describe: "keep the list on screen; ring the bell (and notify-send) when a request arrives" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  if (args.watch) return (await import("./approvals-watch.ts")).watch({ all: args.all });
  const ws = openWorkspace(process.cwd());
  try {
    const inbox = readInbox(ws, args.all);
    if (args.json) return printJson(inbox.requests.map((request) => requestJson(request, { waiters: inbox.waiters.get(request.id) ?? 0 })));
    printLines(inboxLines(inbox, args.all));
  } finally {
    ws.close();
  }
}

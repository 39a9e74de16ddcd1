// hs session pause ID: freeze every process of the session (SIGSTOP to the whole tree) and mark it paused.
import { parser, parseArgs } from "../../args.ts";
import { printJson, printLines } from "../../output.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { pauseSessionOp } from "../../../sessions/ops.ts";
import { currentActor } from "../../../ops/current.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs session pause <id>").demandCommand(1, "give a session id").option("reason", { type: "string", describe: "why (recorded; default: operator pause)" }).option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const id = String(args._[0]);
    const result = pauseSessionOp(ws, currentActor(), { id, reason: args.reason });
    if (args.json) return printJson(result);
    printLines([`paused ${id}: ${result.stopped_pids.length} process(es) stopped`, `next: hs session resume ${id}`]);
  } finally {
    ws.close();
  }
}

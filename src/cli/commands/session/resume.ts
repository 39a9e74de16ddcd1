// hs session resume ID [-- CMD…]: continue a paused tree (SIGCONT), or, when no host is alive (after a
// crash or a finished run), start a new background host on the same worktree with CMD or the last command.
import { parser, parseArgs, splitAtDoubleDash } from "../../args.ts";
import { printJson, printLines } from "../../output.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { resumeSessionOp } from "../../../sessions/ops.ts";
import { currentActor } from "../../../ops/current.ts";

export async function run(argv: string[]): Promise<number | void> {
  const { options: head, command } = splitAtDoubleDash(argv);
  const args = parseArgs(head, parser(head, "hs session resume <id> [-- CMD…]").demandCommand(1, "give a session id").option("json", { type: "boolean", default: false }));
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const id = String(args._[0]);
    const result = await resumeSessionOp(ws, currentActor(), { id, command });
    if (args.json) return printJson(result);
    if ("continued_pids" in result) return printLines([`resumed ${id}: ${result.continued_pids.length} process(es) continued`]);
    printLines([`resumed ${id} with a new host (pid ${result.host_pid}) running: ${result.argv.join(" ")}`, `  log: ${result.log}`]);
  } finally {
    ws.close();
  }
}

// hs session run ID [--detach] -- CMD…: run a command in the session's sandbox and gate; exit code passed
// through. --detach leaves a background host and appends output to .handshake/sessions/<id>/session.log.
import { splitAtDoubleDash } from "../../split-args.ts";
import { quickParse, type QuickSpec } from "../../quick-args.ts";
import { printJson, printLines } from "../../output.ts";
import { HsError } from "../../../errors.ts";

export const RUN_ARGS: QuickSpec = { positionals: 1, booleans: ["detach", "json"] };

export async function run(argv: string[]): Promise<number | void> {
  const { options: head, command } = splitAtDoubleDash(argv);
  const args = quickParse(head, RUN_ARGS) ?? (await parseWithYargs(head));
  if (!args) return;
  const id = String(args._[0]);
  if (!command.length) throw new HsError("HS-USAGE", "no command given", { hint: `hs session run ${id} -- sh   # or any command after --` });
  if (!args.detach) {
    const { runHost } = await import("../../../sandbox/host.ts");
    const { currentActor } = await import("../../../ops/current.ts");
    return runHost({ actor: currentActor(), sessionId: id, mode: "run", command, detached: false, cwd: process.cwd() });
  }
  const { openWorkspace } = await import("../../../registry/workspace.ts");
  const { startDetachedOp } = await import("../../../sessions/ops.ts");
  const { currentActor } = await import("../../../ops/current.ts");
  const ws = openWorkspace(process.cwd());
  try {
    const started = await startDetachedOp(ws, currentActor(), { id, command, cwd: process.cwd() });
    if (args.json) return printJson({ session_id: id, host_pid: started.pid, log: started.log });
    printLines([`session ${id}: running in the background (host pid ${started.pid})`, `  log: ${started.log}`, `next: hs session pause ${id}   # or stop it for good: hs session cancel ${id}`]);
  } finally {
    ws.close();
  }
}

/** yargs (loaded only for spellings quickParse leaves to it, and for --help). */
export async function parseWithYargs(head: string[]) {
  const { parser, parseArgs } = await import("../../args.ts");
  return parseArgs(
    head,
    parser(head, "hs session run <id> [--detach] -- CMD…")
      .demandCommand(1, "give a session id")
      .option("detach", { type: "boolean", default: false, describe: "keep running in the background; output goes to the session log" })
      .option("json", { type: "boolean", default: false }),
  );
}

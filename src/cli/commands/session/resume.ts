// hs session resume ID [-- CMD…]: continue a paused tree (SIGCONT), or, when no host is alive (after a
// crash or a finished run), start a new background host on the same worktree with CMD or the last command.
import { parser, parseArgs, splitAtDoubleDash } from "../../args.ts";
import { printJson, printLines } from "../../output.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { getSession, isTerminal, transitionSession } from "../../../registry/sessions.ts";
import { HsError } from "../../../errors.ts";
import { recoverCrashedSessions } from "../../../sandbox/recovery.ts";
import { continueSessionTree, liveChild } from "../../../sandbox/lifecycle.ts";
import { getHostRecord } from "../../../sandbox/host-record.ts";

export async function run(argv: string[]): Promise<number | void> {
  const { options: head, command } = splitAtDoubleDash(argv);
  const args = parseArgs(head, parser(head, "hs session resume <id> [-- CMD…]").demandCommand(1, "give a session id").option("json", { type: "boolean", default: false }));
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    recoverCrashedSessions(ws);
    const id = String(args._[0]);
    const session = getSession(ws, id);
    if (isTerminal(session.state)) throw new HsError("HS-SESSION-TERMINAL", `session '${id}' is ${session.state}`, { hint: `hs session show ${id}` });
    if (liveChild(ws, id)) {
      const continued = continueSessionTree(ws, id);
      transitionSession(ws, id, "active", "operator resume", "human");
      if (args.json) return printJson({ session_id: id, state: "active", continued_pids: continued });
      return printLines([`resumed ${id}: ${continued.length} process(es) continued`]);
    }
    const record = getHostRecord(ws, id);
    const again = command.length ? command : record?.mode === "run" ? record.argv : [];
    if (!again.length) {
      throw new HsError("HS-HOST-NOT-RUNNING", `session '${id}' has no running process and no command to restart`, { hint: `hs session shell ${id}   # or restart a command: hs session resume ${id} -- sh` });
    }
    const { startDetachedHost } = await import("../../../sandbox/detach.ts");
    const started = await startDetachedHost(ws, id, again, process.cwd());
    if (args.json) return printJson({ session_id: id, state: "active", host_pid: started.pid, log: started.log, argv: again });
    printLines([`resumed ${id} with a new host (pid ${started.pid}) running: ${again.join(" ")}`, `  log: ${started.log}`]);
  } finally {
    ws.close();
  }
}

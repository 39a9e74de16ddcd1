// hs session pause ID: freeze every process of the session (SIGSTOP to the whole tree) and mark it paused.
import { parser, parseArgs } from "../../args.ts";
import { printJson, printLines } from "../../output.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { getSession, isTerminal, transitionSession } from "../../../registry/sessions.ts";
import { HsError } from "../../../errors.ts";
import { recoverCrashedSessions } from "../../../sandbox/recovery.ts";
import { stopSessionTree } from "../../../sandbox/lifecycle.ts";
import { takeCheckpoint } from "../../../checkpoints/index.ts";
import { currentActor } from "../../../ops/current.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs session pause <id>").demandCommand(1, "give a session id").option("reason", { type: "string", default: "operator pause" }).option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    recoverCrashedSessions(ws);
    const id = String(args._[0]);
    const session = getSession(ws, id);
    if (isTerminal(session.state)) throw new HsError("HS-SESSION-TERMINAL", `session '${id}' is ${session.state}`, { hint: `hs session show ${id}` });
    const stopped = stopSessionTree(ws, id);
    takeCheckpoint(ws, currentActor(), { sessionId: id, trigger: "pause" });
    transitionSession(ws, id, "paused", args.reason, "human");
    if (args.json) return printJson({ session_id: id, state: "paused", stopped_pids: stopped });
    printLines([`paused ${id}: ${stopped.length} process(es) stopped`, `next: hs session resume ${id}`]);
  } finally {
    ws.close();
  }
}

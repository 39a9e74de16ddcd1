// hs session env ID: shell lines for `eval "$(hs session env ID)"` (sh, bash, dash) that put the shell behind the session's shim.
import fs from "node:fs";
import path from "node:path";
import { parser, parseArgs } from "../../args.ts";
import { printJson, printLines } from "../../output.ts";
import { HsError } from "../../../errors.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { getSession, isTerminal } from "../../../registry/sessions.ts";
import { shimBinDir } from "../../../shim/install.ts";
import { sessionEnvLines } from "../../../shim/env-lines.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs session env <id>")
      .demandCommand(1, "give a session id")
      .option("json", { type: "boolean", default: false, describe: "the same settings as {session_id, shim_bin, workspace, worktree, lines}" }),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const session = getSession(ws, String(args._[0]));
    if (isTerminal(session.state)) throw new HsError("HS-SESSION-TERMINAL", `session '${session.id}' is ${session.state}`, { hint: "hs session list" });
    const bin = shimBinDir(ws, session.id);
    if (!fs.existsSync(path.join(bin, "git")) || !fs.existsSync(path.join(bin, "rm"))) {
      throw new HsError("HS-SHIM-INSTALL", `session '${session.id}' has no shim in ${bin}`, { hint: `hs doctor   # the shim is written by hs session create` });
    }
    const lines = sessionEnvLines({ sessionId: session.id, shimBin: bin, handshakeDir: ws.loc.handshakeDir, worktree: session.worktree });
    if (args.json) return printJson({ session_id: session.id, shim_bin: bin, workspace: ws.loc.handshakeDir, worktree: session.worktree, lines });
    printLines(lines);
  } finally {
    ws.close();
  }
}

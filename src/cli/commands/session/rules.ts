// hs session rules ID: the briefing the session's agent gets at start (what it may write, what needs approval).
import { parser, parseArgs } from "../../args.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { getSession } from "../../../registry/sessions.ts";
import { briefingText } from "../../../sandbox/briefing.ts";
import { approvalWaitSeconds } from "../../../shim/decide.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(argv, parser(argv, "hs session rules <id>").demandCommand(1, "give a session id"));
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const session = getSession(ws, String(args._[0]));
    const home = session.degraded ? null : (process.env.HOME ?? null);
    process.stdout.write(briefingText({ session, governance: ws.config.governance_paths, home, approvalSeconds: approvalWaitSeconds(ws) }));
  } finally {
    ws.close();
  }
}

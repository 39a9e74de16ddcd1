// hs session shell ID: attach this terminal to the session (pty shell inside the sandbox, gated git/rm).
import { parser, parseArgs } from "../../args.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(argv, parser(argv, "hs session shell <id>").demandCommand(1, "give a session id"));
  if (!args) return;
  const { runHost } = await import("../../../sandbox/host.ts");
  const { currentActor } = await import("../../../ops/current.ts");
  return runHost({ actor: currentActor(), sessionId: String(args._[0]), mode: "shell", command: [], detached: false, cwd: process.cwd() });
}

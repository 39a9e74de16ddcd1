// hs session diff ID --checkpoint N: what changed in the worktree since checkpoint N (host-side, no
// program of the session's runs: objects are hashed by hs and diffed without textconv or external diff).
import { parser, parseArgs } from "../../args.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { diffSinceCheckpoint } from "../../../checkpoints/index.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs session diff <id>")
      .demandCommand(1, "give a session id")
      .option("checkpoint", { type: "number", demandOption: "give --checkpoint N" })
      .example("hs session diff fix-cart --checkpoint 2", "what changed since checkpoint 2"),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    process.stdout.write(diffSinceCheckpoint(ws, { sessionId: String(args._[0]), n: args.checkpoint }));
  } finally {
    ws.close();
  }
}

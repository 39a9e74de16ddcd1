// hs session diff ID [--stat] [--json]: the session's changes against its base (committed and not);
// --checkpoint N: what changed since checkpoint N. Both read from the host and run nothing the session controls
// (src/sessions/worktree-view.ts, src/checkpoints).
import { parser, parseArgs } from "../../args.ts";
import { printJson } from "../../output.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { getSession } from "../../../registry/sessions.ts";
import { worktreeDiff } from "../../../sessions/worktree-report.ts";
import { terminalSafe } from "../../terminal-safe.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs session diff <id>")
      .demandCommand(1, "give a session id")
      .option("stat", { type: "boolean", default: false, describe: "a diffstat instead of the patch" })
      .option("checkpoint", { type: "number", describe: "what changed since checkpoint N (see hs session checkpoints ID)" })
      .option("json", { type: "boolean", default: false, describe: "files with status and line counts, untracked files, and the patch" })
      .example("hs session diff fix-cart --checkpoint 2", "what changed since checkpoint 2"),
  );
  if (!args) return;
  const show = (text: string) => process.stdout.write(process.stdout.isTTY ? terminalSafe(text) : text);
  const ws = openWorkspace(process.cwd());
  try {
    if (args.checkpoint !== undefined) {
      const { diffSinceCheckpoint } = await import("../../../checkpoints/index.ts");
      const text = diffSinceCheckpoint(ws, { sessionId: String(args._[0]), n: args.checkpoint });
      return args.json ? printJson({ session_id: String(args._[0]), checkpoint: args.checkpoint, patch: text }) : void show(text);
    }
    const report = worktreeDiff(ws, getSession(ws, String(args._[0])), { stat: args.stat });
    if (args.json) return printJson(report);
    show(report.patch + report.untracked.map((file) => `untracked (not in the diff): ${file}\n`).join(""));
  } finally {
    ws.close();
  }
}

// hs session diff ID [--stat] [--json]: the session's changes against its base (committed and not), read
// from the host with filters, textconv and external diff drivers off (src/sessions/worktree-view.ts).
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
      .option("json", { type: "boolean", default: false, describe: "files with status and line counts, untracked files, and the patch" }),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const report = worktreeDiff(getSession(ws, String(args._[0])), { stat: args.stat });
    if (args.json) return printJson(report);
    const text = report.patch + report.untracked.map((file) => `untracked (not in the diff): ${file}\n`).join("");
    process.stdout.write(process.stdout.isTTY ? terminalSafe(text) : text);
  } finally {
    ws.close();
  }
}

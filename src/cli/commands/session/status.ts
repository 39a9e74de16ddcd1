// hs session status ID [--json]: the worktree's git status, read from the host without running anything the
// session controls (see src/sessions/worktree-view.ts).
import { parser, parseArgs } from "../../args.ts";
import { printJson, printLines } from "../../output.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { getSession } from "../../../registry/sessions.ts";
import { worktreeStatus } from "../../../sessions/worktree-report.ts";
import { terminalSafe } from "../../terminal-safe.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(argv, parser(argv, "hs session status <id>").demandCommand(1, "give a session id").option("json", { type: "boolean", default: false }));
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const session = getSession(ws, String(args._[0]));
    const report = worktreeStatus(ws, session);
    if (args.json) return printJson(report);
    const since = report.commits_since_base === null ? "" : `, ${report.commits_since_base} commit(s) since base ${report.base_rev?.slice(0, 12)}`;
    printLines([
      `session ${session.id} (${session.state}): ${report.branch ?? "lock mode, shared worktree"}${since}`,
      `  worktree: ${report.worktree}`,
      ...(report.files.length ? report.files.map((file) => `  ${file.index}${file.worktree} ${terminalSafe(file.from ? `${file.from} -> ${file.path}` : file.path)}`) : ["  nothing uncommitted"]),
      `next: hs session diff ${session.id}`,
    ]);
  } finally {
    ws.close();
  }
}

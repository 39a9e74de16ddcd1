import { parser, parseArgs } from "../../args.ts";
import { printJson, printLines, table } from "../../output.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { listSessions, SESSION_STATES } from "../../../registry/sessions.ts";
import { sessionJson, sessionLabel } from "../../../sessions/view.ts";
import { recoverCrashedSessions } from "../../../sandbox/recovery.ts";
import { pendingCounts } from "../../../shim/approvals/requests.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs session list")
      .option("state", { choices: SESSION_STATES })
      .option("all", { type: "boolean", default: false, describe: "also list closed sessions (their worktree and branches are gone)" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    recoverCrashedSessions(ws);
    const sessions = listSessions(ws, { state: args.state, closed: args.all });
    const pending = pendingCounts(ws.db);
    if (args.json) return printJson(sessions.map((s) => ({ ...sessionJson(s), pending_approvals: pending.get(s.id) ?? 0 })));
    if (!sessions.length) return printLines([args.all ? "no sessions" : "no open sessions (hs session list --all shows closed ones)", "next: hs session create --scope 'src/**'"]);
    printLines(
      table(
        ["ID", "STATE", "ASKS", "ISOLATION", "WP/MT", "SCOPE", "WHERE"],
        sessions.map((s) => [s.id, sessionLabel(s), String(pending.get(s.id) ?? 0), s.isolation, [s.wp, s.mt].filter(Boolean).join("/") || "-", s.scope.join(" "), s.closedAt ? "-" : (s.branch ?? s.worktree)]),
      ),
    );
  } finally {
    ws.close();
  }
}

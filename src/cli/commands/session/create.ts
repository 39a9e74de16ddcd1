import { parser, parseArgs } from "../../args.ts";
import { printJson, printLines, warn } from "../../output.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { createSessionOp } from "../../../sessions/ops.ts";
import { currentActor } from "../../../ops/current.ts";
import { ROLES, ISOLATIONS } from "../../../registry/sessions.ts";
import { sessionJson } from "../../../sessions/view.ts";
import { withProgress } from "../../../progress.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs session create")
      .option("scope", { type: "string", array: true, default: [] as string[], describe: "IN_SCOPE_PATHS glob (repeatable), relative to the worktree root; with --mt, at most the task's files" })
      .option("id", { type: "string", describe: "session id (default: generated)" })
      .option("wp", { type: "string", describe: "work packet id (hs wp list)" })
      .option("mt", { type: "string", describe: "micro-task id: the scope is its files.modify + files.create (hs mt list)" })
      .option("role", { choices: ROLES, default: "coder" as const })
      .option("agent", { type: "string", describe: "agent label (claude-code, codex, aider, …)" })
      .option("model", { type: "string", describe: "model id label" })
      .option("isolation", { choices: ISOLATIONS, default: "worktree" as const })
      .option("parent", { type: "string", describe: "parent session id (spawned session)" })
      .option("target", { type: "string", describe: "branch to start from and merge back into (default: the main worktree's branch)" })
      .option("allow-overlap", { type: "boolean", default: false, describe: "operator override: allow a lock scope that overlaps another session's (needs --reason)" })
      .option("reason", { type: "string", describe: "why (for --allow-overlap or --no-sandbox)" })
      .option("max-minutes", { type: "number", describe: "budget: minutes active before the session is paused" })
      .option("max-commands", { type: "number", describe: "budget: gated commands before the session is paused" })
      .option("sandbox", { type: "boolean", default: true, describe: "--no-sandbox: waiver to run this session without bubblewrap (needs --reason; labelled degraded)" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const budgets = {
      ...(args["max-minutes"] !== undefined ? { maxMinutes: args["max-minutes"] } : {}),
      ...(args["max-commands"] !== undefined ? { maxCommands: args["max-commands"] } : {}),
    };
    const label = `creating session${args.id ? ` ${args.id}` : ""}${args.isolation === "worktree" ? " (checking out its worktree)" : ""}`;
    const { session, warnings } = await withProgress(label, () => createSessionOp(ws, currentActor(), {
      id: args.id,
      scope: args.scope.map(String),
      wp: args.wp,
      mt: args.mt,
      role: args.role,
      agent: args.agent,
      model: args.model,
      isolation: args.isolation,
      parent: args.parent,
      target: args.target,
      allowOverlap: args["allow-overlap"],
      reason: args.reason,
      budgets,
      noSandbox: args.sandbox === false,
      cwd: process.cwd(),
    }));
    for (const warning of warnings) warn(warning);
    if (args.json) printJson({ ...sessionJson(session), warnings });
    else {
      printLines([
        `created session ${session.id} (${session.isolation}${session.degraded ? ", DEGRADED: no sandbox" : ""})`,
        session.isolation === "worktree" ? `  worktree: ${session.worktree}\n  branch:   ${session.branch} (from ${session.target} @ ${session.baseRev?.slice(0, 12)})` : `  locks in: ${session.worktree}`,
        `  scope:    ${session.scope.join(" ")}`,
        `next: hs session shell ${session.id}   # or in this shell: eval "$(hs session env ${session.id})"`,
      ]);
    }
  } finally {
    ws.close();
  }
}

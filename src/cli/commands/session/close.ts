// hs session close ID [--discard --reason TEXT] [--no-handoff --reason TEXT] [--json]
import { parser, parseArgs } from "../../args.ts";
import { printJson, printLines } from "../../output.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { closeSessionOp } from "../../../merge/close-ops.ts";
import { currentActor } from "../../../ops/current.ts";
import { withProgress } from "../../../progress.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs session close <id>")
      .demandCommand(1, "give a session id")
      .option("discard", { type: "boolean", default: false, describe: "remove even though work would be lost (operator only; backup refs are still written)" })
      .option("reason", { type: "string", describe: "why the work is discarded, or why no handoff is needed (required with --discard and --no-handoff)" })
      .option("handoff", { type: "boolean", default: true, describe: "--no-handoff: close a session bound to work without a handoff (operator waiver, needs --reason; recorded)" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const id = String(args._[0]);
    const result = withProgress(`closing ${id}: proving the work exists elsewhere, removing its worktree`, () =>
      closeSessionOp(ws, currentActor(), { id, discard: args.discard, reason: args.reason, noHandoff: args.handoff === false }),
    );
    if (args.json) return printJson(result);
    printLines([
      `closed ${result.session}${result.discarded ? " (discarded)" : ""}`,
      ...result.backupRefs.map((backup) => `  backup: ${backup.ref} -> ${backup.oid.slice(0, 12)} (${backup.of})`),
      ...(result.removedWorktree ? [`  removed worktree ${result.removedWorktree}`] : []),
      ...result.deletedBranches.map((ref) => `  deleted ${ref}`),
      ...result.lost.map((line) => `  discarded ${line}`),
    ]);
  } finally {
    ws.close();
  }
}

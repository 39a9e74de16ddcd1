// hs rebuild: recreate .handshake/devcc.db from linkage files, git worktree list and the Flight Recorder.
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines, warn } from "../output.ts";
import { locateWorkspace } from "../../registry/locate.ts";
import { rebuildOp } from "../../sessions/rebuild-op.ts";
import { currentActor } from "../../ops/current.ts";
import { withProgress } from "../../progress.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs rebuild").option("force", { type: "boolean", default: false, describe: "keep the existing devcc.db as devcc.db.bak-<time> and rebuild anyway" }).option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const report = withProgress("rebuilding the index", () => rebuildOp(locateWorkspace(process.cwd()), currentActor(), { force: args.force }));
  for (const warning of [...report.warnings, ...report.work.warnings]) warn(warning);
  if (args.json) {
    const { index: _index, ...json } = report;
    return printJson(json);
  }
  const { work } = report;
  printLines([
    `rebuilt ${report.index}: ${report.sessions.length} session(s) (${report.sessions.join(", ") || "none"}), ${report.locks} lock(s), ${report.approvals} approval request(s), ${report.grants} grant(s), ${report.artifacts} merge-back artifact(s)`,
    `  work: ${work.work_packets} work packet(s), ${work.micro_tasks} micro-task(s) from .handshake/gov/; ${work.anchors} anchor(s), ${work.handoffs} handoff(s) from the Flight Recorder`,
    "next: hs session list",
  ]);
}

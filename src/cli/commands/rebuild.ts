// hs rebuild: recreate .handshake/devcc.db from linkage files, git worktree list and the Flight Recorder.
import fs from "node:fs";
import { HsError } from "../../errors.ts";
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines, warn } from "../output.ts";
import { locateWorkspace } from "../../registry/locate.ts";
import { indexPath, openWorkspace } from "../../registry/workspace.ts";
import { rebuildIndex } from "../../sessions/rebuild.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs rebuild").option("force", { type: "boolean", default: false, describe: "keep the existing devcc.db as devcc.db.bak-<time> and rebuild anyway" }).option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const loc = locateWorkspace(process.cwd());
  const index = indexPath(loc.handshakeDir);
  if (fs.existsSync(index)) {
    if (!args.force) throw new HsError("HS-USAGE", `${index} exists; rebuild only replaces it on request`, { hint: "hs rebuild --force   # the current index is kept as devcc.db.bak-TIME" });
    const backup = `${index}.bak-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    fs.renameSync(index, backup);
    for (const suffix of ["-wal", "-shm"]) if (fs.existsSync(index + suffix)) fs.renameSync(index + suffix, backup + suffix);
  }
  const ws = openWorkspace(process.cwd(), { createIndex: true });
  try {
    const report = rebuildIndex(ws);
    for (const warning of report.warnings) warn(warning);
    if (args.json) return printJson(report);
    printLines([`rebuilt ${index}: ${report.sessions.length} session(s) (${report.sessions.join(", ") || "none"}), ${report.locks} lock(s), ${report.approvals} approval request(s), ${report.grants} grant(s), ${report.artifacts} merge-back artifact(s)`, "next: hs session list"]);
  } finally {
    ws.close();
  }
}

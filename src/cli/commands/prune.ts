// hs prune [--remove] [--into BRANCH] [--json]
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines } from "../output.ts";
import { openWorkspace } from "../../registry/workspace.ts";
import { pruneOp } from "../../merge/close-ops.ts";
import { currentActor } from "../../ops/current.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs prune")
      .option("remove", { type: "boolean", default: false, describe: "remove what is provably merged (same guards as session close; operator only)" })
      .option("into", { type: "string", default: "main", describe: "branch the work must be in before anything is removed" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const target = args.into.startsWith("refs/") ? args.into : `refs/heads/${args.into}`;
    const report = pruneOp(ws, currentActor(), { remove: args.remove, target });
    if (args.json) return printJson(report);
    const lines = report.items.map((item) => `${item.kind.padEnd(18)} ${item.path ?? item.ref}  (${item.reason})`);
    for (const item of report.removed) lines.push(`removed ${item.path ?? item.ref}${item.backup ? `  backup: ${item.backup}` : ""}`);
    for (const item of report.kept) {
      lines.push(`kept ${item.path ?? item.ref}: ${item.lost.join("; ")}`);
      if (item.next) lines.push(`  next: ${item.next}`);
    }
    if (!report.items.length) lines.push("nothing to prune");
    else if (!args.remove) lines.push("next: hs prune --remove   # removes only what is provably merged; backup refs are written first");
    printLines(lines);
  } finally {
    ws.close();
  }
}

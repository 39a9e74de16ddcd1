// hs session checkpoints ID: the session's checkpoints, oldest first.
import { parser, parseArgs } from "../../args.ts";
import { printJson, printLines, table } from "../../output.ts";
import { openWorkspace } from "../../../registry/workspace.ts";
import { sessionCheckpoints } from "../../../checkpoints/index.ts";
import { shQuote } from "../../../shim/shell-quote.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs session checkpoints <id>")
      .demandCommand(1, "give a session id")
      .option("json", { type: "boolean", default: false })
      .example("hs session checkpoints fix-cart", "list fix-cart's checkpoints"),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const id = String(args._[0]);
    const list = sessionCheckpoints(ws, id);
    if (args.json) return printJson(list);
    if (!list.length) return printLines([`no checkpoints for ${id} yet: one is written before each gated command, after bursts of writes, and at pause/cancel`]);
    const rows = list.map((meta) => [String(meta.n), meta.created_at, meta.trigger.slice(0, 60), String(meta.changed.count), String(meta.files), kib(meta.new_bytes)]);
    const last = list.at(-1)?.n ?? 1;
    printLines([...table(["n", "time", "trigger", "changed", "files", "new"], rows), `next: hs session restore ${shQuote(id)} --checkpoint ${last}`]);
  } finally {
    ws.close();
  }
}

function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

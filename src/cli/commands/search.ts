// hs search TARGET PATTERN [--regex] [--untracked] [--max N] | hs search open TARGET PATH LINE [--context K]:
// context.search and open_ref over a session worktree or main (src/search).
import { parser, parseArgs } from "../args.ts";
import { dispatch } from "../dispatch.ts";
import { printJson, printLines } from "../output.ts";
import { openWorkspace } from "../../registry/workspace.ts";
import { currentActor } from "../../ops/current.ts";
import { openRefOp, searchOp } from "../../search/ops.ts";
import { terminalSafe } from "../terminal-safe.ts";

async function search(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs search")
      .demandCommand(2, 2, "give a session id (or main) and a pattern")
      .option("regex", { alias: "E", type: "boolean", default: false, describe: "the pattern is an extended regular expression" })
      .option("untracked", { type: "boolean", default: false, describe: "search untracked files too" })
      .option("max", { type: "number", describe: "at most this many hits (default 100, max 1000)" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const target = String(args._[0]);
  const ws = openWorkspace(process.cwd());
  try {
    const found = await searchOp(ws, currentActor(), { target, q: String(args._[1]), regex: args.regex, untracked: args.untracked, maxResults: args.max });
    if (args.json) return printJson(found);
    printLines([
      ...found.results.map((hit) => `${terminalSafe(hit.path)}:${hit.line}: ${terminalSafe(hit.excerpt)}`),
      `${found.results.length} hit(s) in ${found.elapsed_ms} ms${found.truncated ? ` (more not shown${found.stopped === "time" ? ": the time limit stopped git" : ""})` : ""}`,
      ...(found.results.length ? [`next: hs search open ${target} ${terminalSafe(found.results[0]!.path)} ${found.results[0]!.line}`] : []),
    ]);
  } finally {
    ws.close();
  }
}

async function open(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs search open")
      .demandCommand(3, 3, "give a session id (or main), a path and a line")
      .option("context", { type: "number", describe: "lines before and after (default 20, max 200)" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const ref = openRefOp(ws, currentActor(), { target: String(args._[0]), path: String(args._[1]), line: Number(args._[2]), context: args.context });
    if (args.json) return printJson(ref);
    printLines(ref.lines.map((line, i) => `${String(ref.start_line + i).padStart(6)}  ${terminalSafe(line)}`));
  } finally {
    ws.close();
  }
}

export async function run(argv: string[]): Promise<number | void> {
  return dispatch("search", argv, { open }, search);
}

// hs vcs status|diff|commit|revert TARGET: version.* for a session worktree or `main`, the same operations the
// DCC API calls (src/vcs). Parses and prints only; the operations check who asks.
import { parser, parseArgs, splitAtDoubleDash } from "../args.ts";
import { dispatch } from "../dispatch.ts";
import { printJson, printLines } from "../output.ts";
import { HsError } from "../../errors.ts";
import { withWorkspace } from "../with-workspace.ts";
import { currentActor } from "../../ops/current.ts";
import { requestRevertOp, vcsCommitOp, vcsDiffOp, vcsStatusOp } from "../../vcs/index.ts";
import { terminalSafe } from "../terminal-safe.ts";

const targetOf = (args: { _: (string | number)[] }) => String(args._[0]);

async function status(argv: string[]): Promise<number | void> {
  const args = parseArgs(argv, parser(argv, "hs vcs status <target>").demandCommand(1, "give a session id or main").option("json", { type: "boolean", default: false }));
  if (!args) return;
  const report = await withWorkspace((ws) => vcsStatusOp(ws, currentActor(), { target: targetOf(args) }));
  if (args.json) return printJson(report);
  printLines([
    `${report.target}: ${report.branch ?? "(detached)"} at ${report.head?.slice(0, 12) ?? "(no commits)"}`,
    ...(report.files.length
      ? report.files.map((f) => `  ${f.status.padEnd(12)} ${f.staged ? "staged " : "       "}${terminalSafe(f.old_path ? `${f.old_path} -> ${f.path}` : f.path)}${f.binary ? " (binary)" : ""}`)
      : ["  nothing uncommitted"]),
    ...(report.files.length ? [`next: hs vcs commit ${report.target} -m MESSAGE -- ${terminalSafe(report.files[0]!.path)}`] : []),
  ]);
}

async function diff(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs vcs diff <target> <path>")
      .demandCommand(2, 2, "give a session id (or main) and one path")
      .option("max-bytes", { type: "number", describe: "bound on the patch and texts (default 256 KiB, max 1 MiB)" })
      .option("json", { type: "boolean", default: false, describe: "with old_text/new_text for a side-by-side view" }),
  );
  if (!args) return;
  const result = await withWorkspace((ws) => vcsDiffOp(ws, currentActor(), { target: targetOf(args), path: String(args._[1]), maxBytes: args["max-bytes"] }));
  if (args.json) return printJson(result);
  process.stdout.write(process.stdout.isTTY ? terminalSafe(result.patch) : result.patch);
  if (result.truncated) process.stderr.write(`hs: the patch was cut at ${args["max-bytes"] ?? "256 KiB"}; next: hs vcs diff ${targetOf(args)} ${String(args._[1])} --max-bytes 1048576\n`);
}

async function commit(argv: string[]): Promise<number | void> {
  const { options, command: paths } = splitAtDoubleDash(argv);
  const args = parseArgs(
    options,
    parser(options, "hs vcs commit <target>")
      .demandCommand(1, 1, "give a session id or main, then -- PATHS")
      .option("message", { alias: "m", type: "string", demandOption: "give the commit message with -m", describe: "stored as an artifact" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  if (!paths.length) throw new HsError("HS-USAGE", "name the paths to commit after --", { hint: `hs vcs commit ${targetOf(args)} -m MESSAGE -- PATH…` });
  const result = await withWorkspace((ws) => vcsCommitOp(ws, currentActor(), { target: targetOf(args), paths, message: args.message }));
  if (args.json) return printJson(result);
  const behind = result.index_behind.map(terminalSafe);
  printLines([
    `committed ${result.commit.slice(0, 12)} on ${targetOf(args)}: ${result.paths.length} path(s); message ${result.artifact}`,
    ...(behind.length ? [`your index (left untouched) still holds the old version of: ${behind.join(", ")}`, `next: git reset -q -- ${behind.join(" ")}`] : [`next: hs vcs status ${targetOf(args)}`]),
  ]);
}

async function revert(argv: string[]): Promise<number | void> {
  const { options, command: paths } = splitAtDoubleDash(argv);
  const args = parseArgs(
    options,
    parser(options, "hs vcs revert <target>")
      .demandCommand(1, 1, "give a session id or main, then -- PATHS")
      .option("reason", { type: "string" })
      .option("fingerprint", { type: "string", hidden: true, describe: "set by hs in approval requests; ignored here" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  if (!paths.length) throw new HsError("HS-USAGE", "name the paths to discard after --", { hint: `hs vcs revert ${targetOf(args)} -- PATH…` });
  const ask = await withWorkspace((ws) => requestRevertOp(ws, currentActor(), { target: targetOf(args), paths, reason: args.reason }));
  if (args.json) return printJson(ask);
  printLines([ask.preview.title, ...ask.preview.entries.map((e) => `  ${terminalSafe(e.text)}`), `request ${ask.request_id} is pending; nothing was discarded yet`, `next: hs approve ${ask.request_id}`]);
}

export async function run(argv: string[]): Promise<number | void> {
  return dispatch("vcs", argv, { status, diff, commit, revert });
}

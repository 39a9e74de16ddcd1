// hs merge-back ID [--into BRANCH] [--strategy merge|squash|ff] [--apply] [--json]   |   hs merge-back verify DIR [--json]
import path from "node:path";
import { quickParse, type QuickSpec } from "../quick-args.ts";
import { dispatch } from "../dispatch.ts";
import { withProgress } from "../../progress.ts";
import { printJson, printLines } from "../output.ts";
import { EXIT } from "../../errors.ts";
import { openWorkspaceAsync } from "../../registry/workspace-open.ts";
import { locateRepo } from "../../registry/locate.ts";
import { STRATEGIES, type Strategy } from "../../merge/plan.ts";
import { mergeBackOp } from "../../merge/ops.ts";
import { currentActor } from "../../ops/current.ts";
import { summarize, summaryLines } from "../../merge/summary.ts";
import { trace } from "../../trace.ts";

export async function run(argv: string[]): Promise<number | void> {
  return dispatch("merge-back", argv, { verify }, mergeBack);
}

export const MERGE_BACK_ARGS: QuickSpec = {
  positionals: 1,
  booleans: ["apply", "json"],
  strings: ["into", "strategy"],
  choices: { strategy: STRATEGIES },
  defaults: { strategy: "merge" },
};

/** yargs (loaded only for spellings quickParse leaves to it, and for --help). */
export async function parseWithYargs(argv: string[]) {
  const { parser, parseArgs } = await import("../args.ts");
  return parseArgs(
    argv,
    parser(argv, "hs merge-back <id>")
      .demandCommand(1, "give a session id (or: hs merge-back verify DIR)")
      .option("into", { type: "string", describe: "target branch (default: the session's recorded target)" })
      .option("strategy", { choices: STRATEGIES, default: "merge" as Strategy, describe: "how --apply records the work" })
      .option("apply", { type: "boolean", default: false, describe: "create the commit and move the target (operator only)" })
      .option("json", { type: "boolean", default: false })
      .epilogue("exit codes: 0 clean/applied, 3 blocked (conflicts or violations), 4 target moved or not fast-forwardable, 77 approval needed"),
  );
}

async function mergeBack(argv: string[]): Promise<number | void> {
  const args = quickParse(argv, MERGE_BACK_ARGS) ?? (await parseWithYargs(argv));
  if (!args) return;
  const id = String(args._[0]);
  trace("args parsed");
  const ws = await openWorkspaceAsync(process.cwd());
  trace("workspace open");
  try {
    const outcome = await withProgress(`merge-back ${id}: re-validating, writing the patch artifact`, () =>
      mergeBackOp(ws, currentActor(), { id, into: args.into as string | undefined, strategy: args.strategy as Strategy, apply: args.apply === true }),
    );
    trace("merge-back done");
    const summary = summarize(outcome, { apply: args.apply === true, strategy: args.strategy as Strategy });
    if (args.json) printJson(summary);
    else printLines(summaryLines(summary));
    return summary.exit_code;
  } finally {
    ws.close();
  }
}

async function verify(argv: string[]): Promise<number> {
  const { parser, parseArgs } = await import("../args.ts");
  const args = parseArgs(argv, parser(argv, "hs merge-back verify <dir>").demandCommand(1, "give an artifact directory").option("json", { type: "boolean", default: false }));
  if (!args) return EXIT.ok;
  const dir = path.resolve(String(args._[0]));
  const { verifyArtifact } = await import("../../merge/verify.ts");
  const result = verifyArtifact(dir, locateRepo(process.cwd()).mainRoot, { recordedProvenanceSha: await recordedSha(dir) });
  if (args.json) printJson(result);
  else printLines([...result.checks.map((check) => `${check.ok ? "ok  " : "FAIL"} ${check.check}: ${check.detail}`), result.ok ? `verified ${dir}` : `hs: error [HS-ARTIFACT-INVALID] ${dir} does not verify`]);
  return result.ok ? EXIT.ok : EXIT.failure;
}

/** The provenance hash devcc.db recorded when the artifact was written, when this repository has a workspace. */
async function recordedSha(dir: string): Promise<string | undefined> {
  let ws;
  try {
    ws = await openWorkspaceAsync(process.cwd());
  } catch {
    return undefined; // verifying an artifact copied elsewhere: the file hashes still prove it
  }
  try {
    const row = ws.db.prepare("SELECT provenance_sha256 FROM merge_back_artifacts WHERE artifact_name = ?").get(path.basename(dir)) as { provenance_sha256: string } | undefined;
    return row?.provenance_sha256;
  } finally {
    ws.close();
  }
}

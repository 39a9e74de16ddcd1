// hs check [--json] [--session ID] -- ARGV…: what the shim would decide here, without running anything.
import fs from "node:fs";
import { parser, parseArgs, splitAtDoubleDash } from "../args.ts";
import { printJson } from "../output.ts";
import { EXIT, HsError } from "../../errors.ts";
import { openWorkspace, type Workspace } from "../../registry/workspace.ts";
import { getSession, listSessions, sessionForPath } from "../../registry/sessions.ts";
import { shQuote } from "../../shim/shell-quote.ts";
import { classifyForSession } from "../../shim/decide.ts";
import { refusalText } from "../../shim/messages.ts";

/** With a real session id when one exists, so the hint runs as printed. */
function sessionHint(ws: Workspace, argv: string[]): string {
  const first = listSessions(ws)[0];
  if (!first) return "hs session create --scope 'src/**'   # the shim only sees commands inside a session";
  return `hs check --session ${shQuote(first.id)} -- ${argv.map(shQuote).join(" ")}   # or cd into the session's worktree`;
}

function verdictJson(ws: Workspace, sessionId: string | undefined, argv: string[], cwd: string) {
  const tool = argv[0]?.split("/").pop();
  if (tool !== "git" && tool !== "rm") throw new HsError("HS-USAGE", "the command after -- must start with git or rm", { hint: "hs check -- git reset --hard" });
  const session = sessionId ? getSession(ws, sessionId) : sessionForPath(ws, fs.realpathSync(cwd));
  if (!session) {
    throw new HsError("HS-SESSION-NOT-FOUND", `${cwd} is not inside a session worktree, so no shim would see this command`, { hint: sessionHint(ws, argv) });
  }
  const result = classifyForSession(ws, session, [tool, ...argv.slice(1)], cwd, process.env);
  const { decision } = result;
  return { decision: decision.decision, rule: decision.rule, reason: decision.reason, hint: decision.hint, via: result.via, grant_id: result.grantId ?? null, grantable: result.grantable, session_id: session.id, cwd: result.cwd, argv: [tool, ...argv.slice(1)] };
}

/** One workspace, many commands: the vectors run through this in CI. */
async function checkBatch(sessionId: string | undefined): Promise<number> {
  const input = fs.readFileSync(0, "utf8");
  const ws = openWorkspace(process.cwd());
  try {
    for (const line of input.split("\n").filter((text) => text.trim())) {
      const { argv, cwd } = JSON.parse(line) as { argv: string[]; cwd?: string };
      try {
        process.stdout.write(JSON.stringify(verdictJson(ws, sessionId, argv, cwd ?? process.cwd())) + "\n");
      } catch (error) {
        process.stdout.write(JSON.stringify(error instanceof HsError ? error.toJSON() : { error: { message: String(error) } }) + "\n");
      }
    }
    return EXIT.ok;
  } finally {
    ws.close();
  }
}

export async function run(argv: string[]): Promise<number | void> {
  const { options, command } = splitAtDoubleDash(argv);
  const args = parseArgs(
    options,
    parser(options, "hs check [--json] [--session ID] -- git|rm ARGS…")
      .option("json", { type: "boolean", default: false })
      .option("session", { type: "string", describe: "the session to check for (needed for lock-mode sessions)" })
      .option("batch", { type: "boolean", default: false, describe: "read JSON lines {argv, cwd} on stdin, print one JSON verdict per line" }),
  );
  if (!args) return;
  if (args.batch) return checkBatch(args.session);
  if (args._.length) throw new HsError("HS-USAGE", "put the command after --", { hint: `hs check -- ${args._.join(" ")}` });
  const ws = openWorkspace(process.cwd());
  try {
    const verdict = verdictJson(ws, args.session, command, process.cwd());
    if (args.json) printJson(verdict);
    else if (verdict.decision === "allow") process.stdout.write(`hs: allow [${verdict.rule}] ${verdict.reason}\n`);
    else process.stdout.write(refusalText(verdict));
    return verdict.decision === "allow" ? EXIT.ok : EXIT.gate;
  } finally {
    ws.close();
  }
}

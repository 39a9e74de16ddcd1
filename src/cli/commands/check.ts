// hs check [--json] [--session ID] -- ARGV…: what the shim would decide here, without running anything.
import fs from "node:fs";
import { parser, parseArgs } from "../args.ts";
import { printJson } from "../output.ts";
import { EXIT, HsError } from "../../errors.ts";
import { openWorkspace } from "../../registry/workspace.ts";
import { getSession, sessionForPath } from "../../registry/sessions.ts";
import { classifyForSession } from "../../shim/decide.ts";
import { refusalText } from "../../shim/messages.ts";

export async function run(argv: string[]): Promise<number | void> {
  const split = argv.indexOf("--");
  const options = split < 0 ? argv : argv.slice(0, split);
  const command = split < 0 ? [] : argv.slice(split + 1);
  const args = parseArgs(
    options,
    parser(options, "hs check [--json] [--session ID] -- git|rm ARGS…")
      .option("json", { type: "boolean", default: false })
      .option("session", { type: "string", describe: "the session to check for (needed for lock-mode sessions)" }),
  );
  if (!args) return;
  if (args._.length) throw new HsError("HS-USAGE", "put the command after --", { hint: `hs check -- ${args._.join(" ")}` });
  const tool = command[0]?.split("/").pop();
  if (tool !== "git" && tool !== "rm") throw new HsError("HS-USAGE", "the command after -- must start with git or rm", { hint: "hs check -- git reset --hard" });
  const cwd = process.cwd();
  const ws = openWorkspace(cwd);
  try {
    const session = args.session ? getSession(ws, args.session) : sessionForPath(ws, fs.realpathSync(cwd));
    if (!session) {
      throw new HsError("HS-SESSION-NOT-FOUND", `${cwd} is not inside a session worktree, so no shim would see this command`, { hint: "hs check --session ID -- …  (or cd into the session's worktree)" });
    }
    const result = classifyForSession(ws, session, [tool, ...command.slice(1)], cwd, process.env);
    const { decision } = result;
    if (args.json) {
      printJson({ decision: decision.decision, rule: decision.rule, reason: decision.reason, hint: decision.hint, via: result.via, grant_id: result.grantId ?? null, grantable: result.grantable, session_id: session.id, cwd: result.cwd, argv: [tool, ...command.slice(1)] });
    } else if (decision.decision === "allow") {
      process.stdout.write(`hs: allow [${decision.rule}] ${decision.reason}\n`);
    } else {
      process.stdout.write(refusalText(decision));
    }
    return decision.decision === "allow" ? EXIT.ok : EXIT.gate;
  } finally {
    ws.close();
  }
}

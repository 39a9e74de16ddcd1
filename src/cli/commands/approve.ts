// hs approve ID [--scope once|job|workspace] [--ttl DURATION] [--reason TEXT]: operator only.
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines } from "../output.ts";
import { HsError } from "../../errors.ts";
import { openWorkspace } from "../../registry/workspace.ts";
import { assertOperator } from "../../shim/operator.ts";
import { approveRequest } from "../../shim/approvals/actions.ts";
import { parseDuration } from "../../shim/approvals/duration.ts";
import { APPROVAL_SCOPES, type ApprovalScope } from "../../shim/approvals/types.ts";
import { grantJson, requestJson } from "../../shim/approvals/view.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs approve <id>")
      .demandCommand(1, "give the request id (see hs approvals)")
      .option("scope", { choices: APPROVAL_SCOPES, default: "once" as ApprovalScope, describe: "once: this invocation; job: this rule for this session; workspace: this rule for every session" })
      .option("ttl", { type: "string", describe: "grant lifetime (90s, 10m, 2h, 1d); default from workspace.json approvals" })
      .option("reason", { type: "string" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  const id = String(args._[0]);
  assertOperator(`approve ${id}`);
  let ttlSeconds: number | undefined;
  if (args.ttl !== undefined) {
    if (args.scope === "once") throw new HsError("HS-USAGE", "--ttl applies to --scope job or workspace", { hint: `hs approve ${id} --scope job --ttl ${args.ttl}` });
    ttlSeconds = parseDuration(args.ttl);
    if (ttlSeconds === undefined) throw new HsError("HS-USAGE", `--ttl '${args.ttl}' is not a duration`, { hint: `hs approve ${id} --scope ${args.scope} --ttl 2h` });
  }
  const ws = openWorkspace(process.cwd());
  try {
    const { request, grant } = approveRequest(ws, id, { scope: args.scope as ApprovalScope, ttlSeconds, reason: args.reason });
    if (args.json) return printJson({ request: requestJson(request), grant: grant ? grantJson(grant, true) : null });
    printLines([
      `approved ${request.id} (${args.scope}): ${request.argv.join(" ")}`,
      ...(grant ? [`grant ${grant.id}: rule ${grant.rule} for ${grant.scope === "job" ? `session ${grant.sessionId}` : "every session"}, ${grant.expiresAt ? `until ${grant.expiresAt}` : "until the session ends"}  (revoke: hs grants revoke ${grant.id})`] : []),
    ]);
  } finally {
    ws.close();
  }
}

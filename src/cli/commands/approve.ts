// hs approve ID [--scope once|job|workspace] [--ttl DURATION] [--reason TEXT]   |   hs approve --session ID
// [--reason TEXT] (every pending request of one session, once each): parses and prints; the
// operation (src/shim/approvals/ops.ts) checks that the operator asks.
import { parser, parseArgs } from "../args.ts";
import { printJson, printLines } from "../output.ts";
import { HsError } from "../../errors.ts";
import { openWorkspace } from "../../registry/workspace.ts";
import { currentActor } from "../../ops/current.ts";
import { approveOp, approveSessionOp } from "../../ops/approved.ts";
import { parseDuration } from "../../shim/approvals/duration.ts";
import { APPROVAL_SCOPES, type ApprovalScope } from "../../shim/approvals/types.ts";
import { argvText, grantJson, grantLine, requestJson } from "../../shim/approvals/view.ts";

export async function run(argv: string[]): Promise<number | void> {
  const args = parseArgs(
    argv,
    parser(argv, "hs approve <id>")
      .demandCommand(0, 1, "", "give one request id, or --session ID")
      .option("scope", {
        choices: APPROVAL_SCOPES,
        default: "once" as ApprovalScope,
        describe: "once: this invocation; job: commands of this shape for this session; workspace: for every session",
      })
      .option("ttl", { type: "string", describe: "grant lifetime (90s, 10m, 2h, 1d); default from workspace.json approvals" })
      .option("session", { type: "string", describe: "approve once every pending request of this session, each on its own" })
      .option("reason", { type: "string" })
      .option("json", { type: "boolean", default: false }),
  );
  if (!args) return;
  if (args.session !== undefined && !args._.length) return approveAll(args.session, args.reason, args.json);
  if (args._.length !== 1) throw new HsError("HS-USAGE", "give one request id, or --session ID", { hint: "hs approvals" });
  const id = String(args._[0]);
  let ttlSeconds: number | undefined;
  if (args.ttl !== undefined) {
    if (args.scope === "once") throw new HsError("HS-USAGE", "--ttl applies to --scope job or workspace", { hint: `hs approve ${id} --scope job --ttl ${args.ttl}` });
    ttlSeconds = parseDuration(args.ttl);
    if (ttlSeconds === undefined) throw new HsError("HS-USAGE", `--ttl '${args.ttl}' is not a duration`, { hint: `hs approve ${id} --scope ${args.scope} --ttl 2h` });
  }
  const ws = openWorkspace(process.cwd());
  try {
    const input = { id, scope: args.scope as ApprovalScope, ttlSeconds, reason: args.reason };
    const { request, grant, performed } = approveOp(ws, currentActor(), input);
    const done = performed === undefined ? {} : { performed };
    if (args.json) return printJson({ request: requestJson(request), grant: grant ? grantJson(grant, true) : null, ...done });
    printLines([
      `approved ${request.id} (${args.scope}): ${argvText(request.argv)}`,
      ...(grant ? [grantLine(grant), `  revoke: hs grants revoke ${grant.id}`] : []),
      ...(performed === undefined ? [] : [`  done: ${JSON.stringify(performed)}`]),
    ]);
  } finally {
    ws.close();
  }
}

function approveAll(session: string, reason: string | undefined, json: boolean): void {
  const ws = openWorkspace(process.cwd());
  try {
    const results = approveSessionOp(ws, currentActor(), { session, reason });
    if (json) {
      return printJson(
        results.map((one) =>
          "request" in one
            ? { id: one.id, ok: true, request: requestJson(one.request) }
            : { id: one.id, ok: false, error: one.error.toJSON().error },
        ),
      );
    }
    if (!results.length) return printLines([`no pending requests of session ${session}`]);
    printLines(
      results.map((one) =>
        "request" in one ? `approved ${one.id} (once): ${argvText(one.request.argv)}` : `skipped ${one.id}: ${one.error.message}`,
      ),
    );
  } finally {
    ws.close();
  }
}

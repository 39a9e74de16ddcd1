// hs grants [--all] [--json] | hs grants revoke ID [--reason TEXT]: standing approvals and what each covers.
import { parser, parseArgs } from "../args.ts";
import { dispatch } from "../dispatch.ts";
import { printJson, printLines } from "../output.ts";
import { openWorkspace } from "../../registry/workspace.ts";
import { findSession, isTerminal } from "../../registry/sessions.ts";
import { currentActor } from "../../ops/current.ts";
import { isGrantActive, listGrants } from "../../shim/approvals/grants.ts";
import { revokeGrant } from "../../shim/approvals/ops.ts";
import { grantJson, grantLine } from "../../shim/approvals/view.ts";

async function revoke(argv: string[]): Promise<number | void> {
  const args = parseArgs(argv, parser(argv, "hs grants revoke <id>").demandCommand(1, "give the grant id (see hs grants)").option("reason", { type: "string" }).option("json", { type: "boolean", default: false }));
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    const grant = revokeGrant(ws, currentActor(), { id: String(args._[0]), reason: args.reason ?? null });
    if (args.json) return printJson(grantJson(grant, false));
    printLines([`revoked ${grant.id} (${grant.scope}, rule ${grant.rule}, used ${grant.uses} times)`]);
  } finally {
    ws.close();
  }
}

export async function run(argv: string[]): Promise<number | void> {
  return dispatch("grants", argv, { revoke }, list);
}

async function list(argv: string[]): Promise<number | void> {
  const args = parseArgs(argv, parser(argv, "hs grants").option("all", { type: "boolean", default: false, describe: "also revoked and expired grants" }).option("json", { type: "boolean", default: false }));
  if (!args) return;
  const ws = openWorkspace(process.cwd());
  try {
    // A job grant lasts until its session ends, whatever its TTL says.
    const live = (sessionId: string | null) => sessionId === null || !isTerminal(findSession(ws, sessionId)?.state ?? "cancelled");
    const grants = listGrants(ws.db, { all: true }).map((grant) => ({ grant, active: isGrantActive(grant) && live(grant.sessionId) }));
    const shown = args.all ? grants : grants.filter((entry) => entry.active);
    if (args.json) return printJson(shown.map(({ grant, active }) => grantJson(grant, active)));
    if (!shown.length) return printLines([args.all ? "no grants" : "no active grants"]);
    const state = (grant: (typeof shown)[number]["grant"], active: boolean) => (active ? "active" : grant.revokedAt ? "revoked" : "expired");
    printLines(shown.flatMap(({ grant, active }) => [`${grantLine(grant)}  [${state(grant, active)}, used ${grant.uses}x, from ${grant.requestId}]`]));
  } finally {
    ws.close();
  }
}

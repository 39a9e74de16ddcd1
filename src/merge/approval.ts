// Operator approvals for merge-back --apply (when merge_back.require_approval) and session close --discard, through
// the gate's inbox (gate_requests): the first run files a request and stops; after `hs approve <id>` the next run
// consumes it (once). gate_requests.tool only knows git|rm, so these requests say "git" and carry an `hs …` argv.
import { shQuote } from "../shim/shell-quote.ts";
import { HsError } from "../errors.ts";
import type { Workspace } from "../registry/workspace.ts";
import type { SessionRecord } from "../registry/sessions.ts";
import { listRequests } from "../shim/approvals/requests.ts";
import { consume, fileRequest } from "../shim/approvals/ops.ts";
import { OPERATOR } from "../ops/actor.ts";
import type { Preview } from "../shim/approvals/types.ts";

export const APPROVAL_RULES = { apply: "hs.merge-back.apply", discard: "hs.session.close-discard" } as const;

export interface ApprovalAsk {
  rule: string;
  argv: string[];
  reason: string;
  preview: Preview[];
  code: "HS-MERGE-APPROVAL-REQUIRED";
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index]);

/** Returns the approved request id it consumed, or throws with the request to approve. */
export function requireApproval(ws: Workspace, session: SessionRecord, ask: ApprovalAsk): string {
  const mine = listRequests(ws.db, { all: true, sessionId: session.id }).filter((request) => request.rule === ask.rule && same(request.argv, ask.argv));
  for (const request of mine) {
    if (request.status === "approved" && !request.consumedAt && consume(ws, OPERATOR, { request, status: "approved", argv: ask.argv })) return request.id;
  }
  const denied = mine.filter((request) => request.status === "denied").at(-1);
  const pending = mine.find((request) => request.status === "pending" && Date.parse(request.expiresAt) > Date.now());
  const request =
    pending ??
    fileRequest(ws, OPERATOR, {
      sessionId: session.id,
      workspaceId: session.workspaceId,
      wp: session.wp,
      mt: session.mt,
      tool: "git",
      argv: ask.argv,
      cwd: ws.loc.mainRoot,
      rule: ask.rule,
      reason: ask.reason,
      hint: `${ask.argv.map(shQuote).join(" ")}   # again, after approval`,
      grantable: false,
      preview: ask.preview,
      timeoutSeconds: ws.config.approvals.timeout_seconds,
      waiterPid: null,
    });
  const after = denied ? ` (an earlier request was denied: ${denied.decisionReason ?? "no reason given"})` : "";
  throw new HsError(ask.code, `${ask.argv.join(" ")} needs an operator approval: request ${request.id} is pending${after}`, {
    hint: `hs approve ${request.id}   # then run again: ${ask.argv.map(shQuote).join(" ")}`,
    details: { request_id: request.id },
  });
}

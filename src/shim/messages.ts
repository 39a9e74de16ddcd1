// What the agent reads on stderr when the gate stops or holds a command. Stdout stays the command's.
import type { Decision } from "./policy/index.ts";
import type { ApprovalRequest } from "./approvals/types.ts";
import type { WaitResult } from "./wait.ts";

export function refusalText(decision: Decision): string {
  return `hs: ${decision.decision} [${decision.rule}] ${decision.reason}\n  next: ${decision.hint}\n`;
}

export function waitingText(decision: Decision, request: ApprovalRequest): string {
  const seconds = Math.max(0, Math.round((Date.parse(request.expiresAt) - Date.now()) / 1000));
  return (
    `hs: ask [${decision.rule}] ${decision.reason}\n` +
    `  waiting for the operator to decide request ${request.id} (times out in ${seconds}s; Ctrl-C withdraws it). In the operator's terminal:\n` +
    `    hs approvals                                   (see the command and what it could lose)\n` +
    `    hs approve ${request.id}                        (once; --scope job|workspace to cover later ones)\n` +
    `    hs deny ${request.id} --reason "why not"\n`
  );
}

/** After a denial the agent needs the alternative, not the way to approve: `(or X)` in a rule's hint is it. */
export function afterDenial(hint: string): string {
  const alternative = /\((?:or |preview first: |index only is allowed: |safe delete: )([^)]*)\)/.exec(hint)?.[1];
  return `do not run it again as is; do what the operator's reason says${alternative ? ` (e.g. ${alternative})` : ""}`;
}

export function settledText(result: WaitResult): string {
  const { request } = result;
  if (result.status === "approved") return `hs: approved ${request.id} (${request.decisionScope ?? "once"}) by ${request.decidedBy ?? "operator"}; running it\n`;
  if (result.status === "denied") {
    return `hs: deny [${request.rule}] the operator denied ${request.id}: ${request.decisionReason ?? "(no reason given)"}\n  next: ${afterDenial(request.hint)}\n`;
  }
  if (result.status === "expired") {
    return `hs: deny [${request.rule}] request ${request.id} expired without a decision; nothing was run\n  next: ask the operator to watch hs approvals, then run the command again\n`;
  }
  return `hs: request ${request.id} withdrawn; nothing was run\n`;
}

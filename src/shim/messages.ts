// What the agent reads on stderr when the gate stops or holds a command. Stdout stays the command's.
import type { Decision } from "./policy/index.ts";
import type { ApprovalRequest } from "./approvals/types.ts";
import type { WaitResult } from "./wait.ts";

export function refusalText(decision: Decision): string {
  return `hs: ${decision.decision} [${decision.rule}] ${decision.reason}\n  next: ${decision.hint}\n`;
}

/** One line for the agent: the operator has been asked, and a later identical run uses the decision. */
export function askedLine(request: ApprovalRequest): string {
  return (
    `hs: the operator has been asked to approve request ${request.id} (hs approve ${request.id}); ` +
    `after the decision, run the same command again: it will use it\n`
  );
}

export function waitingText(decision: Decision, request: ApprovalRequest, waitSeconds: number, attached = false): string {
  const again = attached ? ` (same command as pending request ${request.id})` : "";
  return `hs: ask [${decision.rule}] ${decision.reason}${again}; waiting up to ${waitSeconds}s\n${askedLine(request)}`;
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
    return `hs: deny [${request.rule}] request ${request.id} expired without a decision; nothing was run\n  next: run the command again to ask again\n`;
  }
  if (result.status === "pending") return `hs: ask [${request.rule}] no decision yet; nothing was run\n${askedLine(request)}`;
  if (result.status === "used") return `hs: approval ${request.id} was used by another run of the same command; nothing was run here\n`;
  return `hs: request ${request.id} withdrawn; nothing was run\n`;
}

/** What a run that used an earlier decision prints before the gate lets it through or refuses it. */
export function usedApprovalText(decision: Decision): string {
  return `hs: ${decision.reason}; running it\n`;
}

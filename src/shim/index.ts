// The Tool Gate runtime around the pure policy (src/shim/policy): shim install, the slow-path decision,
// approvals and grants, the operator check. Hot paths import the single modules, not this index.
export { installSessionShim, readShimState, shimBinDir, type ShimState } from "./install.ts";
export { assertOperator, sessionEvidence } from "./operator.ts";
export { buildGateContext } from "./context.ts";
export { classifyForSession, decideAndRecord, approvalWaitSeconds, type Classification, type GateOutcome, type GateTool } from "./decide.ts";
export { waitForDecision, watchSignals, type WaitResult } from "./wait.ts";
export { chooseBackend, directBackend, type GateBackend, type GateCall } from "./backend.ts";
export { refusalText, settledText, waitingText } from "./messages.ts";
export { sessionEnvLines } from "./env-lines.ts";
export { approve, deny, revokeGrant, operatorName } from "./approvals/ops.ts";
export { displaySafe, shellWordSafe } from "../display/escape.ts";
export type { ApprovalRequest, ApprovalScope, Grant, Preview } from "./approvals/types.ts";

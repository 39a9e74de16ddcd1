// Public API of the Tool Gate policy engine (pure; see docs in RULES).
export type { Decision, GateContext, GateDecision, GateRepo, GateSession } from "./types.ts";
import type { Decision, GateContext } from "./types.ts";

/** First version: fails closed until the engine lands. */
export function classify(ctx: GateContext): Decision {
  return { decision: "ask", rule: "gate.unclassified", reason: `not yet classified: ${ctx.argv.join(" ")}`, hint: "hs approve {request}" };
}

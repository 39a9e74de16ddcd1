import { RULE_BY_ID, type RuleId } from "./rules.ts";
import type { Decision, GateContext, GateDecision } from "./types.ts";

/** One reason a command needs attention; the strictest finding becomes the decision. */
export interface Finding {
  rule: RuleId;
  paths?: string[];
  detail?: string;
  /** Only records paths the decision looked at (for previews); never decides anything. */
  record?: true;
}

const RANK: Record<GateDecision, number> = { allow: 0, ask: 1, deny: 2 };

export function finding(rule: RuleId, paths?: string[], detail?: string): Finding {
  return { rule, ...(paths ? { paths } : {}), ...(detail ? { detail } : {}) };
}

export function seen(paths: string[]): Finding {
  return { rule: "safe.in-scope", paths, record: true };
}

function baseDecision(rule: string): GateDecision {
  return RULE_BY_ID.get(rule)?.decision ?? "deny";
}

function effective(rule: string, ctx: GateContext): GateDecision {
  const base = baseDecision(rule);
  const override = ctx.ruleOverrides?.[rule];
  // Overrides can only tighten a rule.
  return override !== undefined && RANK[override] > RANK[base] ? override : base;
}

function fill(text: string, ctx: GateContext): string {
  return text.replaceAll("{worktree}", ctx.session.worktree).replaceAll("{session}", ctx.session.id);
}

/** Strictest of the findings (first wins a tie); `fallback` when there are none. */
export function decide(ctx: GateContext, findings: readonly Finding[], fallback: RuleId, subcommand?: string): Decision {
  let best: Finding = { rule: fallback };
  let bestRank = RANK[effective(fallback, ctx)];
  for (const f of findings) {
    if (f.record) continue;
    const rank = RANK[effective(f.rule, ctx)];
    if (rank > bestRank) {
      best = f;
      bestRank = rank;
    }
  }
  const rule = RULE_BY_ID.get(best.rule);
  const decision = effective(best.rule, ctx);
  const paths = [...new Set(findings.flatMap((f) => f.paths ?? []))];
  // Every rule that reached the final level: a grant of one must not let the others through.
  const rules = [...new Set(findings.filter((f) => !f.record && effective(f.rule, ctx) === decision).map((f) => f.rule))];
  const reason = fill(rule?.reason ?? "unknown rule", ctx) + (best.detail ? `: ${best.detail}` : "");
  let hint = fill(rule?.hint ?? "", ctx);
  if (decision === "ask" && !hint.includes("{request}")) hint = "hs approve {request}";
  if (decision === "deny" && hint.includes("{request}")) hint = "the workspace forbids this; ask the operator to run it outside the session";
  return {
    decision,
    rule: best.rule,
    reason,
    hint,
    ...(paths.length > 0 ? { paths } : {}),
    ...(decision !== "allow" && rules.length > 1 ? { rules } : {}),
    ...(subcommand !== undefined ? { subcommand } : {}),
  };
}

// What a hook says when it refuses: every offending path or ref, its stable code, why, and the next command.
import type { RuleCode } from "./rules.ts";
import type { HookActor } from "./actor.ts";

export interface Refusal {
  code: RuleCode;
  /** The path or ref refused. */
  subject: string;
  reason: string;
  next: string;
  commit?: string;
}

export function formatRefusals(hook: string, actor: HookActor, refusals: Refusal[]): string {
  const who = actor.kind === "session" ? `session ${actor.sessionId}` : "the operator (locks held by sessions in this worktree)";
  const lines = [`hs: ${hook} refused ${refusals.length} change(s) for ${who}:`];
  for (const refusal of refusals) {
    const where = refusal.commit ? ` (commit ${refusal.commit.slice(0, 12)})` : "";
    lines.push(`  [${refusal.code}] ${refusal.subject}${where}: ${refusal.reason}`, `      next: ${refusal.next}`);
  }
  return lines.join("\n") + "\n";
}

export function shellArg(value: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

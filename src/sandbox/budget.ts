// Budgets (pure): minutes while active, gated commands. Each trips once; the operator's resume overrides it.
import type { SessionBudgets } from "../registry/sessions.ts";

export type BudgetType = "max_minutes" | "max_commands";

export interface BudgetTrip {
  type: BudgetType;
  current: number;
  threshold: number;
}

export function exceededBudget(budgets: SessionBudgets, usage: { activeMs: number; commandsUsed: number }, tripped: readonly string[]): BudgetTrip | undefined {
  if (budgets.maxCommands !== undefined && !tripped.includes("max_commands") && usage.commandsUsed >= budgets.maxCommands) {
    return { type: "max_commands", current: usage.commandsUsed, threshold: budgets.maxCommands };
  }
  const minutes = usage.activeMs / 60_000;
  if (budgets.maxMinutes !== undefined && !tripped.includes("max_minutes") && minutes >= budgets.maxMinutes) {
    return { type: "max_minutes", current: Math.round(minutes * 100) / 100, threshold: budgets.maxMinutes };
  }
  return undefined;
}

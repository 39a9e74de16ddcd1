// The host's budget loop: adds wall time while the session is active, and pauses the session (SIGSTOP +
// state paused + session.budget_exceeded) the first time a budget is reached.
import type { Workspace } from "../registry/workspace.ts";
import { findSession, transitionSession } from "../registry/sessions.ts";
import { exceededBudget } from "./budget.ts";
import { getHostRecord, updateHostRecord } from "./host-record.ts";

export interface BudgetGuard {
  tick(): void;
  check(): void;
}

export function makeBudgetGuard(ws: Workspace, sessionId: string, effects: { stop(): unknown; notify(line: string): void }): BudgetGuard {
  let last = Date.now();
  const check = () => {
    const session = findSession(ws, sessionId);
    const record = getHostRecord(ws, sessionId);
    if (!session || !record || (session.state !== "active" && session.state !== "blocked")) return;
    const trip = exceededBudget(session.budgets, { activeMs: record.activeMs, commandsUsed: session.commandsUsed }, record.budgetsTripped);
    if (!trip) return;
    updateHostRecord(ws, sessionId, { budgetsTripped: [...record.budgetsTripped, trip.type] });
    effects.stop();
    transitionSession(ws, sessionId, "paused", `budget_exceeded: ${trip.type} ${trip.current}/${trip.threshold}`, "system");
    ws.record({
      type: "session.budget_exceeded",
      actor: "system",
      session_id: sessionId,
      wp_id: session.wp,
      mt_id: session.mt,
      payload: { session_id: sessionId, budget_type: trip.type, current_value: trip.current, threshold_value: trip.threshold },
    });
    effects.notify(`hs: session ${sessionId} paused: budget ${trip.type} reached (${trip.current}/${trip.threshold}). The operator decides: hs session resume ${sessionId}   or   hs session cancel ${sessionId}`);
  };
  return {
    check,
    tick() {
      const now = Date.now();
      const elapsed = now - last;
      last = now;
      const session = findSession(ws, sessionId);
      const record = getHostRecord(ws, sessionId);
      if (!session || !record) return;
      updateHostRecord(ws, sessionId, { activeMs: record.activeMs + (session.state === "active" ? elapsed : 0), heartbeatAt: new Date(now).toISOString() });
      check();
    },
  };
}

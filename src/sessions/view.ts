// How a session looks in listings and --json output: one projection for the CLI and the HTTP API.
import type { SessionRecord } from "../registry/sessions.ts";

export function sessionJson(session: SessionRecord): Record<string, unknown> {
  return {
    id: session.id,
    state: session.state,
    state_reason: session.stateReason,
    isolation: session.isolation,
    worktree: session.worktree,
    branch: session.branch,
    target: session.target,
    base_rev: session.baseRev,
    scope: session.scope,
    wp: session.wp,
    mt: session.mt,
    parent: session.parent,
    spawn_depth: session.spawnDepth,
    role: session.role,
    agent: session.agent,
    model: session.model,
    budgets: session.budgets,
    commands_used: session.commandsUsed,
    degraded: session.degraded,
    degraded_reason: session.degradedReason,
    created_at: session.createdAt,
    updated_at: session.updatedAt,
    closed_at: session.closedAt,
  };
}

export function sessionLabel(session: SessionRecord): string {
  const state = session.closedAt ? `${session.state}, closed` : session.state;
  return session.degraded ? `${state} [DEGRADED: no sandbox]` : state;
}

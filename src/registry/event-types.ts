// The closed registry of Flight Recorder event types. An event whose type is not listed is rejected.
// Names follow the spec digest where it names one (session.*, workspace_isolation.*, ...).
export const EVENT_TYPES = [
  // workspace and install
  "workspace.initialised",
  "workspace.uninstalled",
  "workspace.rebuilt",
  "workspace.restored",
  "workspace.config_invalid",
  "migration.applied",
  "hooks.installed",
  "hooks.removed",
  // sessions (FR-EVT-SESS-*, SESS-SPAWN-*)
  "session.created",
  "session.state_change",
  "session.completed",
  "session.budget_warning",
  "session.budget_exceeded",
  "session.limit_exceeded",
  "session.spawn_requested",
  "session.spawn_accepted",
  "session.spawn_rejected",
  "session.cascade_cancel",
  "session.scope_overlap",
  "session.closed",
  "session.admin_repaired",
  "session_recovery_attempted",
  // the access guard (src/ops/guard.ts): an actor refused a verb
  "access.denied",
  "worktree.created",
  "worktree.removed",
  // locks
  "lock.acquired",
  "lock.released",
  "lock.conflict",
  "lock.overlap_approved",
  // enforcement in git
  "hook.refused",
  "hook.allowed",
  "workspace_isolation.denied",
  // tool gate
  "gate.decision",
  "approval.requested",
  "approval.decided",
  "approval.expired",
  "approval.consumed",
  "grant.used",
  "grant.revoked",
  // session host
  "host.started",
  "host.stopped",
  "sandbox.degraded",
  "terminal_command",
  "files.changed",
  "scope.violation",
  // merge-back
  "merge_back.prepared",
  "merge_back.blocked",
  "merge_back.applied",
  "backup_ref.created",
  // checkpoints (spec: session_checkpoint_created)
  "session_checkpoint_created",
  "session_checkpoint_restored",
  "session_checkpoint_pruned",
  // work tracking (Locus, FR-EVT-WP-*, -MT-*, -DEP-*, -TB-*), anchors and handoffs
  "work_packet_created",
  "work_packet_updated",
  "work_packet_gated",
  "work_packet_completed",
  "micro_tasks_registered",
  "mt_started",
  "mt_completed",
  "mt_failed",
  "mt_iteration_completed",
  "dependency_added",
  "task_board_synced",
  "task_board_status_changed",
  "anchor.created",
  "anchor.linked",
  "anchor.noted",
  "handoff.written",
  "handoff.waived",
  // the local server (hs ui)
  "ui.started",
  "ui.stopped",
  // version.* (src/vcs) and jobs (src/jobs)
  "vcs.committed",
  "vcs.commit_refused",
  "vcs.reverted",
  "vcs.revert_refused",
  "job.queued",
  "job.started",
  "job.finished",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

const known = new Set<string>(EVENT_TYPES);
export function isEventType(value: string): value is EventType {
  return known.has(value);
}

export const ACTORS = ["human", "agent", "system"] as const;
export type Actor = (typeof ACTORS)[number];

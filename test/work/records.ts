// Builders of WP / MT records for the pure tests: fixed times, so rendered output is stable.
import { WP_SCHEMA_ID, taskBoardStatus, type WorkPacket } from "../../src/work/wp-model.ts";
import { MT_SCHEMA_ID, type MicroTask } from "../../src/work/mt-model.ts";

const gate = { status: "pending" as const, validated_at: null, validated_by: null, notes: null };

export function wp(id: string, fields: Partial<WorkPacket> = {}): WorkPacket {
  const status = fields.status ?? "ready";
  return {
    schema_id: WP_SCHEMA_ID,
    record_kind: "work_packet",
    wp_id: id,
    version: 1,
    title: `title of ${id}`,
    description: "",
    status,
    task_board_status: taskBoardStatus(status),
    priority: 2,
    type: "feature",
    labels: [],
    scope: [],
    gates: { pre_work: gate, post_work: gate },
    dependencies: [],
    reporter: "operator",
    status_reason: null,
    created_at: "2026-01-01T00:00:00.000Z",
    updated_at: "2026-01-01T00:00:00.000Z",
    started_at: null,
    completed_at: null,
    ...fields,
  };
}

export function after(id: string, ...blockers: string[]): WorkPacket["dependencies"] {
  return blockers.map((from, i) => ({
    dependency_id: `dep_${id}_${i}`,
    from_wp_id: from,
    to_wp_id: id,
    type: "blocks" as const,
    created_at: "2026-01-01T00:00:00.000Z",
    created_by: "operator",
  }));
}

export function mt(id: string, wpId: string, fields: Partial<MicroTask> = {}): MicroTask {
  return {
    schema_id: MT_SCHEMA_ID,
    record_kind: "micro_task",
    mt_id: id,
    wp_id: wpId,
    version: 1,
    name: `task ${id}`,
    status: "pending",
    files: { read: [], modify: ["src/**"], create: [] },
    done_criteria: [],
    depends_on: [],
    session_ids: [],
    active_session_ids: [],
    iterations: [],
    current_iteration: 0,
    status_reason: null,
    created_at: "2026-01-01T00:00:00.000Z",
    updated_at: "2026-01-01T00:00:00.000Z",
    ...fields,
  };
}

// TrackedWorkPacket as stored in .handshake/gov/work_packets/<wp_id>/packet.json (spec §2.3.15, digest §3.1).
// Strict: an unknown field means another schema version, and an invalid file fails closed with path: message.
import { z } from "zod";

export const WP_SCHEMA_ID = "hsk.tracked_work_packet@1";
export const WP_STATUSES = ["stub", "ready", "in_progress", "blocked", "gated", "done", "cancelled"] as const;
export type WorkPacketStatus = (typeof WP_STATUSES)[number];
export const TASK_BOARD_STATUSES = ["STUB", "READY", "IN_PROGRESS", "BLOCKED", "GATED", "DONE", "CANCELLED"] as const;
export type TaskBoardStatus = (typeof TASK_BOARD_STATUSES)[number];
export const WP_TYPES = ["feature", "bug", "refactor", "docs", "test", "chore"] as const;
export const GATE_STATES = ["pending", "pass", "fail", "skip"] as const;
export const DEPENDENCY_TYPES = ["blocks"] as const;

export function taskBoardStatus(status: WorkPacketStatus): TaskBoardStatus {
  return status.toUpperCase() as TaskBoardStatus;
}

const time = z.string().describe("ISO-8601 UTC time");

export const GateStatusSchema = z.strictObject({
  status: z.enum(GATE_STATES).describe("pending | pass | fail | skip"),
  validated_at: time.nullable().describe("when the gate was decided"),
  validated_by: z.string().nullable().describe("who decided it (operator)"),
  notes: z.string().nullable().describe("the reason given"),
});

export const TrackedDependencySchema = z.strictObject({
  dependency_id: z.string().describe("dep_<uuid>"),
  from_wp_id: z.string().describe("the blocking work packet"),
  to_wp_id: z.string().describe("the blocked work packet (the one whose file holds this edge)"),
  type: z.enum(DEPENDENCY_TYPES).describe("edge type; `blocks` edges gate the ready list"),
  created_at: time,
  created_by: z.string().describe("actor label"),
});

export const WorkPacketSchema = z.strictObject({
  schema_id: z.literal(WP_SCHEMA_ID).describe("schema of this file"),
  record_kind: z.literal("work_packet"),
  wp_id: z.string().describe("stable id, e.g. WP-1-Auth-System"),
  version: z.number().int().positive().describe("monotonic; +1 on every write"),
  title: z.string().min(1),
  description: z.string().describe("free text (markdown)"),
  status: z.enum(WP_STATUSES).describe("WorkPacketStatus"),
  task_board_status: z.enum(TASK_BOARD_STATUSES).describe("upper-case mirror of status (the board lane)"),
  priority: z.number().int().min(0).max(4).describe("0 (highest) to 4"),
  type: z.enum(WP_TYPES),
  labels: z.array(z.string()),
  scope: z
    .array(z.string())
    .describe("IN_SCOPE_PATHS of the packet as a whole (informative; MTs carry session scopes)"),
  gates: z.strictObject({ pre_work: GateStatusSchema, post_work: GateStatusSchema }),
  dependencies: z.array(TrackedDependencySchema).describe("incoming edges: work packets this one waits for"),
  reporter: z.string().describe("who created it"),
  status_reason: z.string().nullable().describe("reason given with the last status change (e.g. why blocked)"),
  created_at: time,
  updated_at: time,
  started_at: time.nullable(),
  completed_at: time.nullable(),
});
export type WorkPacket = z.infer<typeof WorkPacketSchema>;

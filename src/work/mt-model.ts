// Micro-task as stored in .handshake/gov/micro_tasks/<wp_id>/<mt_id>/packet.json (digest §3.2).
import { z } from "zod";

export const MT_SCHEMA_ID = "hsk.micro_task@1";
export const MT_STATUSES = ["pending", "in_progress", "completed", "failed", "blocked", "skipped"] as const;
export type MtStatus = (typeof MT_STATUSES)[number];
export const ITERATION_OUTCOMES = ["SUCCESS", "RETRY", "ESCALATE", "BLOCKED", "SKIPPED"] as const;
export type IterationOutcome = (typeof ITERATION_OUTCOMES)[number];

const time = z.string().describe("ISO-8601 UTC time");

export const IterationSchema = z.strictObject({
  iteration: z.number().int().positive().describe("1-based"),
  outcome: z.enum(ITERATION_OUTCOMES).describe("MTIterationRecord.outcome"),
  session_id: z.string().nullable().describe("the session that did the work"),
  evidence_ref: z.string().nullable().describe("artifact handle or path given as evidence"),
  summary: z.string().nullable(),
  recorded_by: z.string().describe("actor label"),
  created_at: time,
});

export const MicroTaskSchema = z.strictObject({
  schema_id: z.literal(MT_SCHEMA_ID).describe("schema of this file"),
  record_kind: z.literal("micro_task"),
  mt_id: z.string().describe("stable id, unique in the workspace (MT-001…)"),
  wp_id: z.string().describe("the work packet it belongs to"),
  version: z.number().int().positive(),
  name: z.string().min(1),
  status: z.enum(MT_STATUSES),
  files: z.strictObject({
    read: z.array(z.string()).describe("globs the task reads"),
    modify: z.array(z.string()).describe("globs the task changes (part of the session scope)"),
    create: z.array(z.string()).describe("globs the task creates (part of the session scope)"),
  }),
  done_criteria: z.array(z.string()),
  depends_on: z.array(z.string()).describe("MT ids that must be completed first"),
  session_ids: z.array(z.string()).describe("every session bound to this task, oldest first"),
  active_session_ids: z.array(z.string()).describe("sessions currently working on it"),
  iterations: z.array(IterationSchema),
  current_iteration: z.number().int().min(0),
  status_reason: z.string().nullable(),
  created_at: time,
  updated_at: time,
});
export type MicroTask = z.infer<typeof MicroTaskSchema>;

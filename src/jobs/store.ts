// The jobs table (migration 0010): one row per job, written by the operation that starts it and by its runner.
import crypto from "node:crypto";
import type { Db } from "../registry/sqlite.ts";

export const JOB_STATES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobRecord {
  job_id: string;
  session: string;
  recipe: string | null;
  command: string[];
  state: JobState;
  exit_code: number | null;
  error: string | null;
  request_id: string | null;
  requested_by: string;
  log_path: string;
  artifact: string | null;
  runner_pid: number | null;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
}

interface Row extends Omit<JobRecord, "session" | "command"> {
  session_id: string;
  argv_json: string;
}

const fromRow = ({ session_id, argv_json, ...rest }: Row): JobRecord => ({ ...rest, session: session_id, command: JSON.parse(argv_json) as string[] });

export const newJobId = () => `job-${crypto.randomBytes(4).toString("hex")}`;

export function insertJob(db: Db, job: Pick<JobRecord, "job_id" | "session" | "recipe" | "command" | "request_id" | "requested_by" | "log_path">): JobRecord {
  db.prepare(
    `INSERT INTO jobs (job_id, session_id, recipe, argv_json, state, request_id, requested_by, log_path, created_at)
     VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
  ).run(job.job_id, job.session, job.recipe, JSON.stringify(job.command), job.request_id, job.requested_by, job.log_path, new Date().toISOString());
  return getJob(db, job.job_id)!;
}

export function getJob(db: Db, id: string): JobRecord | undefined {
  const row = db.prepare("SELECT * FROM jobs WHERE job_id = ?").get(id) as Row | undefined;
  return row && fromRow(row);
}

export function listJobs(db: Db, filter: { session?: string } = {}): JobRecord[] {
  const rows = filter.session
    ? db.prepare("SELECT * FROM jobs WHERE session_id = ? ORDER BY created_at, job_id").all(filter.session)
    : db.prepare("SELECT * FROM jobs ORDER BY created_at, job_id").all();
  return (rows as Row[]).map(fromRow);
}

type Changes = Partial<Pick<JobRecord, "state" | "exit_code" | "error" | "artifact" | "runner_pid" | "started_at" | "ended_at">>;

export function updateJob(db: Db, id: string, changes: Changes): JobRecord {
  const keys = Object.keys(changes) as Array<keyof Changes>;
  if (keys.length) db.prepare(`UPDATE jobs SET ${keys.map((k) => `${k} = ?`).join(", ")} WHERE job_id = ?`).run(...keys.map((k) => changes[k] ?? null), id);
  return getJob(db, id)!;
}

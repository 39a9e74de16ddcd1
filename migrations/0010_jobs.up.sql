-- Jobs (issue 12): an allowlisted recipe or an approved custom command run in a session's sandbox by a background
-- host; its output is a log while it runs and a content-addressed artifact when it ends.
CREATE TABLE IF NOT EXISTS jobs (
  job_id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  recipe TEXT NULL,
  argv_json TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  exit_code INTEGER NULL,
  error TEXT NULL,
  request_id TEXT NULL,
  requested_by TEXT NOT NULL,
  log_path TEXT NOT NULL,
  artifact TEXT NULL,
  runner_pid INTEGER NULL,
  created_at TEXT NOT NULL,
  started_at TEXT NULL,
  ended_at TEXT NULL
);
CREATE INDEX IF NOT EXISTS idx_jobs_session ON jobs(session_id, created_at);

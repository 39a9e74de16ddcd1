-- Approvals outlive the process that filed them: who is waiting on a request right now (one row per waiting
-- process; a dead pid is nobody), since when nobody is, and what a job/workspace grant covers (rule + shape).
CREATE TABLE IF NOT EXISTS gate_waiters (
  waiter_id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL REFERENCES gate_requests(request_id),
  pid INTEGER NOT NULL,
  pid_start TEXT NULL,
  via TEXT NOT NULL CHECK (via IN ('shim', 'host')),
  since TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_gate_waiters_request ON gate_waiters(request_id);
ALTER TABLE gate_requests ADD COLUMN unwaited_since TEXT NULL;
ALTER TABLE gate_requests ADD COLUMN shape_json TEXT NULL;
ALTER TABLE gate_grants ADD COLUMN cover_json TEXT NULL;
CREATE INDEX IF NOT EXISTS idx_gate_requests_retry ON gate_requests(session_id, cwd, status);

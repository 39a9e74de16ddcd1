-- Tool Gate: approval requests filed by the shim for `ask` decisions, and standing grants (job / workspace).
CREATE TABLE IF NOT EXISTS gate_requests (
  request_id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  workspace_id TEXT NOT NULL,
  wp_id TEXT NULL,
  mt_id TEXT NULL,
  tool TEXT NOT NULL CHECK (tool IN ('git', 'rm')),
  argv_json TEXT NOT NULL,
  cwd TEXT NOT NULL,
  rule TEXT NOT NULL,
  reason TEXT NOT NULL,
  hint TEXT NOT NULL,
  grantable INTEGER NOT NULL DEFAULT 1 CHECK (grantable IN (0, 1)),
  preview_json TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied', 'expired', 'withdrawn')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  decided_at TEXT NULL,
  decided_by TEXT NULL,
  decision_scope TEXT NULL CHECK (decision_scope IN ('once', 'job', 'workspace')),
  decision_reason TEXT NULL,
  grant_id TEXT NULL,
  waiter_pid INTEGER NULL,
  consumed_at TEXT NULL
);
CREATE INDEX IF NOT EXISTS idx_gate_requests_status ON gate_requests(status, created_at);
CREATE INDEX IF NOT EXISTS idx_gate_requests_session ON gate_requests(session_id);

CREATE TABLE IF NOT EXISTS gate_grants (
  grant_id TEXT PRIMARY KEY,
  scope TEXT NOT NULL CHECK (scope IN ('job', 'workspace')),
  session_id TEXT NULL,
  workspace_id TEXT NOT NULL,
  rule TEXT NOT NULL,
  request_id TEXT NOT NULL REFERENCES gate_requests(request_id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  expires_at TEXT NULL,
  revoked_at TEXT NULL,
  revoked_by TEXT NULL,
  revoke_reason TEXT NULL,
  uses INTEGER NOT NULL DEFAULT 0,
  last_used_at TEXT NULL,
  CHECK ((scope = 'job') = (session_id IS NOT NULL))
);
CREATE INDEX IF NOT EXISTS idx_gate_grants_rule ON gate_grants(rule, revoked_at);

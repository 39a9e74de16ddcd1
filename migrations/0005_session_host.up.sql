-- Session host bookkeeping (issue 4): which process hosts a session, what it runs, active time for budgets.
CREATE TABLE IF NOT EXISTS session_hosts (
  session_id TEXT PRIMARY KEY,
  host_pid INTEGER NOT NULL,
  host_start_ticks INTEGER NOT NULL,
  child_pid INTEGER NULL,
  mode TEXT NOT NULL CHECK (mode IN ('shell', 'run')),
  detached INTEGER NOT NULL DEFAULT 0 CHECK (detached IN (0, 1)),
  argv_json TEXT NOT NULL DEFAULT '[]',
  sandboxed INTEGER NOT NULL CHECK (sandboxed IN (0, 1)),
  log_path TEXT NULL,
  socket_path TEXT NULL,
  active_ms INTEGER NOT NULL DEFAULT 0,
  budgets_tripped_json TEXT NOT NULL DEFAULT '[]',
  stop_requested TEXT NULL,
  started_at TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL,
  ended_at TEXT NULL,
  exit_code INTEGER NULL
);

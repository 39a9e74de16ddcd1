-- Index of the work records under .handshake/gov/ (the files are the authority; src/work/index-db.ts reloads
-- these tables whenever the files change, and hs rebuild fills them from the files).
CREATE TABLE IF NOT EXISTS work_packets (
  wp_id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('stub', 'ready', 'in_progress', 'blocked', 'gated', 'done', 'cancelled')),
  priority INTEGER NOT NULL CHECK (priority BETWEEN 0 AND 4),
  type TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  record_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_work_packets_status ON work_packets(status, priority, created_at);

CREATE TABLE IF NOT EXISTS micro_tasks (
  mt_id TEXT PRIMARY KEY,
  wp_id TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'completed', 'failed', 'blocked', 'skipped')),
  scope_json TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  record_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_micro_tasks_wp ON micro_tasks(wp_id);

CREATE TABLE IF NOT EXISTS wp_dependencies (
  dependency_id TEXT PRIMARY KEY,
  from_wp_id TEXT NOT NULL,
  to_wp_id TEXT NOT NULL,
  type TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_wp_dependencies_from ON wp_dependencies(from_wp_id);

CREATE TABLE IF NOT EXISTS mt_sessions (
  mt_id TEXT NOT NULL,
  session_id TEXT NOT NULL,
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  PRIMARY KEY (mt_id, session_id)
);
CREATE INDEX IF NOT EXISTS idx_mt_sessions_session ON mt_sessions(session_id);

CREATE TABLE IF NOT EXISTS work_index_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  signature TEXT NOT NULL,
  refreshed_at TEXT NOT NULL
);

-- hs sessions (ModelSession, spec 4.3.9.12), their scopes and file-scope locks.
CREATE TABLE IF NOT EXISTS model_sessions (
  session_id TEXT PRIMARY KEY,
  parent_session_id TEXT NULL REFERENCES model_sessions(session_id),
  spawn_depth INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('created', 'active', 'paused', 'blocked', 'completed', 'failed', 'cancelled')),
  state_reason TEXT NULL,
  role TEXT NOT NULL CHECK (role IN ('coder', 'validator', 'human')),
  agent_name TEXT NULL,
  model_id TEXT NULL,
  wp_id TEXT NULL,
  mt_id TEXT NULL,
  isolation TEXT NOT NULL CHECK (isolation IN ('worktree', 'lock')),
  worktree_path TEXT NOT NULL,
  git_dir TEXT NOT NULL,
  branch TEXT NULL,
  target_branch TEXT NULL,
  base_rev TEXT NULL,
  in_scope_paths_json TEXT NOT NULL,
  budgets_json TEXT NOT NULL DEFAULT '{}',
  commands_used INTEGER NOT NULL DEFAULT 0,
  degraded INTEGER NOT NULL DEFAULT 0 CHECK (degraded IN (0, 1)),
  degraded_reason TEXT NULL,
  host_pid INTEGER NULL,
  workspace_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_model_sessions_state ON model_sessions(state);
CREATE INDEX IF NOT EXISTS idx_model_sessions_parent ON model_sessions(parent_session_id);

CREATE TABLE IF NOT EXISTS scope_locks (
  lock_id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES model_sessions(session_id),
  glob TEXT NOT NULL,
  worktree_path TEXT NOT NULL,
  acquired_at TEXT NOT NULL,
  released_at TEXT NULL,
  release_reason TEXT NULL,
  overlap_override_reason TEXT NULL
);
CREATE INDEX IF NOT EXISTS idx_scope_locks_active ON scope_locks(worktree_path, released_at);
CREATE INDEX IF NOT EXISTS idx_scope_locks_session ON scope_locks(session_id);

-- devcc.db v1 as specified in the Handshake spec, Appendix 10.11.B (tables, checks, foreign keys, indexes).
PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS projects (
  project_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  root_path TEXT NOT NULL UNIQUE,
  repo_kind TEXT NOT NULL CHECK (repo_kind IN ('git')),
  default_base_branch TEXT NOT NULL,
  last_open_workspace_id TEXT NULL,
  ui_state_json TEXT NULL,
  policy_json TEXT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS workspaces (
  workspace_id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(project_id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('root', 'worktree')),
  role TEXT NOT NULL CHECK (role IN ('human', 'coder', 'validator')),
  status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'archived')),
  worktree_path TEXT NOT NULL,
  repo_root_path TEXT NOT NULL,
  branch TEXT NOT NULL,
  base_branch TEXT NOT NULL,
  head_rev TEXT NULL,
  linked_wp_id TEXT NULL,
  linked_mt_id TEXT NULL,
  workspace_json_relpath TEXT NOT NULL DEFAULT '.handshake/workspace.json',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_opened_at TEXT NULL,
  UNIQUE (project_id, worktree_path)
);

CREATE TABLE IF NOT EXISTS approval_tokens (
  token_id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  expires_at TEXT NULL,
  scope_json TEXT NOT NULL,
  granted_capabilities_json TEXT NOT NULL,
  consent_receipt_ref TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS execution_sessions (
  execution_session_id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(workspace_id) ON DELETE CASCADE,
  agent_type TEXT NOT NULL CHECK (agent_type IN ('worker', 'validator', 'human')),
  agent_name TEXT NOT NULL,
  model_role TEXT NULL,
  model_id TEXT NULL,
  bound_wp_id TEXT NULL,
  bound_mt_id TEXT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'waiting_approval', 'paused', 'interrupted', 'closed')),
  started_at TEXT NOT NULL,
  ended_at TEXT NULL,
  handoff_required INTEGER NOT NULL DEFAULT 0 CHECK (handoff_required IN (0, 1)),
  last_handoff_id TEXT NULL
);

CREATE TABLE IF NOT EXISTS session_capability_grants (
  execution_session_id TEXT NOT NULL REFERENCES execution_sessions(execution_session_id) ON DELETE CASCADE,
  capability_id TEXT NOT NULL,
  token_id TEXT NULL REFERENCES approval_tokens(token_id) ON DELETE SET NULL,
  grant_ref TEXT NOT NULL,
  expires_at TEXT NULL,
  PRIMARY KEY (execution_session_id, capability_id, grant_ref)
);

CREATE TABLE IF NOT EXISTS objective_anchors (
  anchor_id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(project_id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('stub', 'ready', 'in_progress', 'blocked', 'in_review', 'done', 'cancelled')),
  description_ref TEXT NULL,
  acceptance_criteria_json TEXT NOT NULL DEFAULT '[]',
  linked_wp_id TEXT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS anchor_mt_links (
  anchor_id TEXT NOT NULL REFERENCES objective_anchors(anchor_id) ON DELETE CASCADE,
  mt_id TEXT NOT NULL,
  PRIMARY KEY (anchor_id, mt_id)
);

CREATE TABLE IF NOT EXISTS anchor_dependencies (
  anchor_id TEXT NOT NULL REFERENCES objective_anchors(anchor_id) ON DELETE CASCADE,
  dep_kind TEXT NOT NULL CHECK (dep_kind IN ('anchor', 'wp')),
  dep_id TEXT NOT NULL,
  PRIMARY KEY (anchor_id, dep_kind, dep_id)
);

CREATE TABLE IF NOT EXISTS anchor_links (
  anchor_id TEXT NOT NULL REFERENCES objective_anchors(anchor_id) ON DELETE CASCADE,
  link_kind TEXT NOT NULL CHECK (link_kind IN ('workspace', 'session', 'commit', 'artifact')),
  link_id TEXT NOT NULL,
  PRIMARY KEY (anchor_id, link_kind, link_id)
);

CREATE TABLE IF NOT EXISTS anchor_notes (
  note_id TEXT PRIMARY KEY,
  anchor_id TEXT NOT NULL REFERENCES objective_anchors(anchor_id) ON DELETE CASCADE,
  ts TEXT NOT NULL,
  author TEXT NOT NULL CHECK (author IN ('human', 'agent')),
  note_ref TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS handoffs (
  handoff_id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(project_id) ON DELETE CASCADE,
  workspace_id TEXT NOT NULL REFERENCES workspaces(workspace_id) ON DELETE CASCADE,
  execution_session_id TEXT NOT NULL REFERENCES execution_sessions(execution_session_id) ON DELETE CASCADE,
  anchor_id TEXT NULL REFERENCES objective_anchors(anchor_id) ON DELETE SET NULL,
  wp_id TEXT NULL,
  mt_id TEXT NULL,
  summary_done_ref TEXT NOT NULL,
  summary_remaining_ref TEXT NOT NULL,
  decisions_json TEXT NOT NULL DEFAULT '[]',
  uncertainties_json TEXT NOT NULL DEFAULT '[]',
  blockers_json TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS handoff_evidence (
  handoff_id TEXT NOT NULL REFERENCES handoffs(handoff_id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('diff', 'commit', 'artifact')),
  ref TEXT NOT NULL,
  PRIMARY KEY (handoff_id, kind, ref)
);

CREATE TABLE IF NOT EXISTS pending_approvals (
  approval_id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  workspace_id TEXT NOT NULL REFERENCES workspaces(workspace_id) ON DELETE CASCADE,
  execution_session_id TEXT NOT NULL REFERENCES execution_sessions(execution_session_id) ON DELETE CASCADE,
  requested_capabilities_json TEXT NOT NULL,
  operation_preview_json TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'expired')),
  decided_by TEXT NULL CHECK (decided_by IN ('human', 'session')),
  decided_at TEXT NULL,
  decision_reason TEXT NULL,
  token_id TEXT NULL REFERENCES approval_tokens(token_id) ON DELETE SET NULL
);

CREATE TABLE IF NOT EXISTS conversation_sessions (
  conversation_id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  source_locator TEXT NOT NULL,
  project_id TEXT NULL REFERENCES projects(project_id) ON DELETE SET NULL,
  workspace_id TEXT NULL REFERENCES workspaces(workspace_id) ON DELETE SET NULL,
  execution_session_id TEXT NULL REFERENCES execution_sessions(execution_session_id) ON DELETE SET NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT NULL,
  tokens_in INTEGER NULL,
  tokens_out INTEGER NULL,
  cost_currency TEXT NULL,
  cost_amount REAL NULL,
  transcript_ref TEXT NOT NULL,
  messages_index_ref TEXT NULL
);

CREATE TABLE IF NOT EXISTS session_conversations (
  execution_session_id TEXT NOT NULL REFERENCES execution_sessions(execution_session_id) ON DELETE CASCADE,
  conversation_id TEXT NOT NULL REFERENCES conversation_sessions(conversation_id) ON DELETE CASCADE,
  PRIMARY KEY (execution_session_id, conversation_id)
);

CREATE INDEX IF NOT EXISTS idx_workspaces_project ON workspaces(project_id);
CREATE INDEX IF NOT EXISTS idx_workspaces_status ON workspaces(status);
CREATE INDEX IF NOT EXISTS idx_workspaces_linked_wp ON workspaces(linked_wp_id);
CREATE INDEX IF NOT EXISTS idx_workspaces_last_opened ON workspaces(last_opened_at);
CREATE INDEX IF NOT EXISTS idx_tokens_expires ON approval_tokens(expires_at);
CREATE INDEX IF NOT EXISTS idx_sessions_workspace ON execution_sessions(workspace_id);
CREATE INDEX IF NOT EXISTS idx_sessions_status ON execution_sessions(status);
CREATE INDEX IF NOT EXISTS idx_sessions_started ON execution_sessions(started_at);
CREATE INDEX IF NOT EXISTS idx_session_caps_cap ON session_capability_grants(capability_id);
CREATE INDEX IF NOT EXISTS idx_anchors_project ON objective_anchors(project_id);
CREATE INDEX IF NOT EXISTS idx_anchors_status ON objective_anchors(status);
CREATE INDEX IF NOT EXISTS idx_anchors_linked_wp ON objective_anchors(linked_wp_id);
CREATE INDEX IF NOT EXISTS idx_anchor_deps_dep ON anchor_dependencies(dep_kind, dep_id);
CREATE INDEX IF NOT EXISTS idx_anchor_links_target ON anchor_links(link_kind, link_id);
CREATE INDEX IF NOT EXISTS idx_anchor_notes_anchor_ts ON anchor_notes(anchor_id, ts);
CREATE INDEX IF NOT EXISTS idx_handoffs_workspace_ts ON handoffs(workspace_id, created_at);
CREATE INDEX IF NOT EXISTS idx_handoffs_session_ts ON handoffs(execution_session_id, created_at);
CREATE INDEX IF NOT EXISTS idx_handoffs_anchor_ts ON handoffs(anchor_id, created_at);
CREATE INDEX IF NOT EXISTS idx_approvals_workspace_status ON pending_approvals(workspace_id, status);
CREATE INDEX IF NOT EXISTS idx_approvals_session_status ON pending_approvals(execution_session_id, status);
CREATE INDEX IF NOT EXISTS idx_approvals_created ON pending_approvals(created_at);
CREATE INDEX IF NOT EXISTS idx_convos_source ON conversation_sessions(source);
CREATE INDEX IF NOT EXISTS idx_convos_project_ts ON conversation_sessions(project_id, started_at);
CREATE INDEX IF NOT EXISTS idx_convos_workspace_ts ON conversation_sessions(workspace_id, started_at);
CREATE INDEX IF NOT EXISTS idx_convos_session_ts ON conversation_sessions(execution_session_id, started_at);

-- Back to the 0001 shapes (empty tables).
PRAGMA foreign_keys = OFF;
DROP TABLE IF EXISTS handoff_evidence;
DROP TABLE IF EXISTS handoffs;
CREATE TABLE IF NOT EXISTS approval_tokens (token_id TEXT PRIMARY KEY, created_at TEXT NOT NULL, expires_at TEXT NULL, scope_json TEXT NOT NULL,
  granted_capabilities_json TEXT NOT NULL, consent_receipt_ref TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS execution_sessions (execution_session_id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(workspace_id) ON DELETE CASCADE,
  agent_type TEXT NOT NULL CHECK (agent_type IN ('worker', 'validator', 'human')), agent_name TEXT NOT NULL, model_role TEXT NULL,
  model_id TEXT NULL, bound_wp_id TEXT NULL, bound_mt_id TEXT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'waiting_approval', 'paused', 'interrupted', 'closed')), started_at TEXT NOT NULL,
  ended_at TEXT NULL, handoff_required INTEGER NOT NULL DEFAULT 0 CHECK (handoff_required IN (0, 1)), last_handoff_id TEXT NULL);
CREATE TABLE IF NOT EXISTS session_capability_grants (
  execution_session_id TEXT NOT NULL REFERENCES execution_sessions(execution_session_id) ON DELETE CASCADE, capability_id TEXT NOT NULL,
  token_id TEXT NULL REFERENCES approval_tokens(token_id) ON DELETE SET NULL, grant_ref TEXT NOT NULL, expires_at TEXT NULL,
  PRIMARY KEY (execution_session_id, capability_id, grant_ref));
CREATE TABLE IF NOT EXISTS pending_approvals (approval_id TEXT PRIMARY KEY, created_at TEXT NOT NULL,
  workspace_id TEXT NOT NULL REFERENCES workspaces(workspace_id) ON DELETE CASCADE,
  execution_session_id TEXT NOT NULL REFERENCES execution_sessions(execution_session_id) ON DELETE CASCADE,
  requested_capabilities_json TEXT NOT NULL, operation_preview_json TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'expired')),
  decided_by TEXT NULL CHECK (decided_by IN ('human', 'session')), decided_at TEXT NULL, decision_reason TEXT NULL,
  token_id TEXT NULL REFERENCES approval_tokens(token_id) ON DELETE SET NULL);
CREATE TABLE IF NOT EXISTS handoffs (handoff_id TEXT PRIMARY KEY, project_id TEXT NOT NULL REFERENCES projects(project_id) ON DELETE CASCADE,
  workspace_id TEXT NOT NULL REFERENCES workspaces(workspace_id) ON DELETE CASCADE,
  execution_session_id TEXT NOT NULL REFERENCES execution_sessions(execution_session_id) ON DELETE CASCADE,
  anchor_id TEXT NULL REFERENCES objective_anchors(anchor_id) ON DELETE SET NULL, wp_id TEXT NULL, mt_id TEXT NULL,
  summary_done_ref TEXT NOT NULL, summary_remaining_ref TEXT NOT NULL, decisions_json TEXT NOT NULL DEFAULT '[]',
  uncertainties_json TEXT NOT NULL DEFAULT '[]', blockers_json TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS handoff_evidence (handoff_id TEXT NOT NULL REFERENCES handoffs(handoff_id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('diff', 'commit', 'artifact')), ref TEXT NOT NULL, PRIMARY KEY (handoff_id, kind, ref));
CREATE TABLE IF NOT EXISTS conversation_sessions (conversation_id TEXT PRIMARY KEY, source TEXT NOT NULL, source_locator TEXT NOT NULL,
  project_id TEXT NULL REFERENCES projects(project_id) ON DELETE SET NULL, workspace_id TEXT NULL REFERENCES workspaces(workspace_id) ON DELETE SET NULL,
  execution_session_id TEXT NULL REFERENCES execution_sessions(execution_session_id) ON DELETE SET NULL, started_at TEXT NOT NULL,
  ended_at TEXT NULL, tokens_in INTEGER NULL, tokens_out INTEGER NULL, cost_currency TEXT NULL, cost_amount REAL NULL,
  transcript_ref TEXT NOT NULL, messages_index_ref TEXT NULL);
CREATE TABLE IF NOT EXISTS session_conversations (
  execution_session_id TEXT NOT NULL REFERENCES execution_sessions(execution_session_id) ON DELETE CASCADE,
  conversation_id TEXT NOT NULL REFERENCES conversation_sessions(conversation_id) ON DELETE CASCADE,
  PRIMARY KEY (execution_session_id, conversation_id));

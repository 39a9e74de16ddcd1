-- Reconcile devcc.db with the code: 0001 created spec tables that duplicate the ones in use.
--   execution_sessions         -> model_sessions (0002)
--   pending_approvals          -> gate_requests (0003)
--   approval_tokens, session_capability_grants -> gate_grants (0003)
--   conversation_sessions, session_conversations: no log adapter exists yet (a later migration adds them back)
-- handoffs and handoff_evidence are recreated: they pointed at execution_sessions; a handoff now names its
-- session by id (sessions are rebuilt from linkage files, handoffs from the Flight Recorder).
-- Children before parents, so the implicit deletes of DROP TABLE never trip a foreign key.
DROP TABLE IF EXISTS session_conversations;
DROP TABLE IF EXISTS conversation_sessions;
DROP TABLE IF EXISTS handoff_evidence;
DROP TABLE IF EXISTS handoffs;
DROP TABLE IF EXISTS pending_approvals;
DROP TABLE IF EXISTS session_capability_grants;
DROP TABLE IF EXISTS execution_sessions;
DROP TABLE IF EXISTS approval_tokens;

CREATE TABLE handoffs (
  handoff_id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(project_id) ON DELETE CASCADE,
  workspace_id TEXT NOT NULL REFERENCES workspaces(workspace_id) ON DELETE CASCADE,
  execution_session_id TEXT NOT NULL,
  anchor_id TEXT NULL REFERENCES objective_anchors(anchor_id) ON DELETE SET NULL,
  wp_id TEXT NULL,
  mt_id TEXT NULL,
  summary_done_ref TEXT NOT NULL,
  summary_remaining_ref TEXT NOT NULL,
  decisions_json TEXT NOT NULL DEFAULT '[]',
  uncertainties_json TEXT NOT NULL DEFAULT '[]',
  blockers_json TEXT NOT NULL DEFAULT '[]',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX idx_handoffs_workspace_ts ON handoffs(workspace_id, created_at);
CREATE INDEX idx_handoffs_session_ts ON handoffs(execution_session_id, created_at);
CREATE INDEX idx_handoffs_anchor_ts ON handoffs(anchor_id, created_at);

CREATE TABLE handoff_evidence (
  handoff_id TEXT NOT NULL REFERENCES handoffs(handoff_id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('diff', 'commit', 'artifact')),
  ref TEXT NOT NULL,
  PRIMARY KEY (handoff_id, kind, ref)
);

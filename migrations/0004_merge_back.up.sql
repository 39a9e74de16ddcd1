-- merge-back artifacts: an index over .handshake/artifacts/<name>/ (the files are the authority; hs rebuild can re-read them).
CREATE TABLE IF NOT EXISTS merge_back_artifacts (
  artifact_name TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  dir TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('prepared', 'blocked', 'applied')),
  target_ref TEXT NOT NULL,
  target_oid TEXT NOT NULL,
  base_rev TEXT NOT NULL,
  head_rev TEXT NOT NULL,
  patch_sha256 TEXT NOT NULL,
  provenance_sha256 TEXT NOT NULL,
  conflicts_sha256 TEXT NULL,
  strategy TEXT NULL CHECK (strategy IS NULL OR strategy IN ('merge', 'squash', 'ff')),
  applied_commit TEXT NULL,
  applied_at TEXT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_merge_back_artifacts_session ON merge_back_artifacts(session_id, created_at);

-- Closed sessions (issue 10): worktree and branches removed by hs session close; hidden from listings and prune.
ALTER TABLE model_sessions ADD COLUMN closed_at TEXT NULL;

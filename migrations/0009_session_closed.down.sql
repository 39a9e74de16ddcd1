ALTER TABLE model_sessions DROP COLUMN closed_at;

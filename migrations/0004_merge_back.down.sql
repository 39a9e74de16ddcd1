DROP INDEX IF EXISTS idx_merge_back_artifacts_session;
DROP TABLE IF EXISTS merge_back_artifacts;

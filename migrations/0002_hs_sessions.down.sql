DROP TABLE IF EXISTS scope_locks;
DROP TABLE IF EXISTS model_sessions;

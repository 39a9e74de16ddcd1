DROP INDEX IF EXISTS idx_gate_requests_retry;
ALTER TABLE gate_grants DROP COLUMN cover_json;
ALTER TABLE gate_requests DROP COLUMN shape_json;
ALTER TABLE gate_requests DROP COLUMN unwaited_since;
DROP TABLE IF EXISTS gate_waiters;

DROP TABLE IF EXISTS gate_grants;
DROP TABLE IF EXISTS gate_requests;

-- Down migration exists for symmetry with the other areas; dropping the audit log is an explicit operator act.
DROP TRIGGER IF EXISTS events_chain_link;
DROP TRIGGER IF EXISTS events_no_delete;
DROP TRIGGER IF EXISTS events_no_update;
DROP TABLE IF EXISTS events;

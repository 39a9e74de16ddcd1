-- hs log --wp / --mt read the log by work packet and micro-task.
CREATE INDEX IF NOT EXISTS events_wp ON events (wp_id, seq);
CREATE INDEX IF NOT EXISTS events_mt ON events (mt_id, seq);

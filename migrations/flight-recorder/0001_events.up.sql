-- Flight Recorder events: append-only, hash-chained. seq is contiguous from 1 (the chain order).
-- hash = sha256(canonical JSON of every column except hash); prev_hash of seq 1 is 64 zeros.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  timestamp TEXT NOT NULL,
  type TEXT NOT NULL,
  actor TEXT NOT NULL CHECK (actor IN ('human', 'agent', 'system')),
  session_id TEXT,
  wp_id TEXT,
  mt_id TEXT,
  workspace_id TEXT,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash TEXT NOT NULL CHECK (length(hash) = 64)
);
CREATE INDEX events_session ON events (session_id, seq);
CREATE INDEX events_type ON events (type, seq);
CREATE INDEX events_timestamp ON events (timestamp);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'HS-FR-APPEND-ONLY: flight recorder events cannot be updated');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'HS-FR-APPEND-ONLY: flight recorder events cannot be deleted');
END;

-- The chain is also enforced at insert: a writer that did not read the tail inside its transaction is refused.
CREATE TRIGGER events_chain_link BEFORE INSERT ON events
WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM events)
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM events ORDER BY seq DESC LIMIT 1), '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
  SELECT RAISE(ABORT, 'HS-FR-CHAIN-LINK: event does not extend the current tail');
END;

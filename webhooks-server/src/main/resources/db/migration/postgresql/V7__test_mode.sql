-- Test mode: sc_test_ keys see the same account as its live keys, but a separate world. Endpoints,
-- events and deliveries carry the mode they were made in; attempts inherit it through their
-- delivery. Every existing row was made by a live key.
--
-- A column with a constant default is added without rewriting the table. The checks on the two
-- large tables are added NOT VALID, so that adding them does not scan every row under the
-- table's exclusive lock: they hold for every row written from now on, and every row already
-- there holds the default.
ALTER TABLE endpoints ADD COLUMN mode TEXT NOT NULL DEFAULT 'live'
  CONSTRAINT endpoints_mode_check CHECK (mode IN ('live', 'test'));
ALTER TABLE events ADD COLUMN mode TEXT NOT NULL DEFAULT 'live';
ALTER TABLE events ADD CONSTRAINT events_mode_check CHECK (mode IN ('live', 'test')) NOT VALID;
ALTER TABLE deliveries ADD COLUMN mode TEXT NOT NULL DEFAULT 'live';
ALTER TABLE deliveries ADD CONSTRAINT deliveries_mode_check CHECK (mode IN ('live', 'test')) NOT VALID;

-- Lists of endpoints and events are per account and mode, newest first. These are built inside
-- the migration's transaction: publishes wait while the events indexes are built.
DROP INDEX endpoints_by_account;
CREATE INDEX endpoints_by_account ON endpoints (account_id, mode, id);
DROP INDEX events_by_account;
CREATE INDEX events_by_account ON events (account_id, mode, id);

-- An Idempotency-Key is remembered per account and mode: the same key in test mode is another event.
DROP INDEX events_idempotency;
CREATE UNIQUE INDEX events_idempotency ON events (account_id, mode, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

-- Deliveries get no new index: every publish inserts into it, and its lists already narrow by
-- endpoint (deliveries_by_endpoint) or by event (deliveries_by_event) before the mode is read.

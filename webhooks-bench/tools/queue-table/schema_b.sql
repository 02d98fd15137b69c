-- Design B: deliveries keep the log (no index on status or due time, fillfactor 80, so the outcome
-- update can be HOT); the due state of pending deliveries lives in a narrow table of its own.
DROP TABLE IF EXISTS deliveries, attempts, events, dqueue CASCADE; DROP SEQUENCE IF EXISTS s;
CREATE SEQUENCE s;
CREATE TABLE events (id TEXT PRIMARY KEY, account_id TEXT NOT NULL, type TEXT NOT NULL, payload BYTEA NOT NULL, created_at BIGINT NOT NULL, idempotency_key TEXT, request_fingerprint TEXT);
CREATE INDEX events_by_account ON events (account_id, id);
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY, account_id TEXT NOT NULL, event_id TEXT NOT NULL, endpoint_id TEXT NOT NULL, event_type TEXT NOT NULL,
  status TEXT NOT NULL, attempt_count INTEGER NOT NULL DEFAULT 0, next_attempt_at BIGINT, lease_owner TEXT, lease_expires_at BIGINT,
  last_status INTEGER, last_error TEXT, last_attempt_at BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL) WITH (fillfactor=80);

CREATE INDEX deliveries_by_endpoint ON deliveries (endpoint_id, id);
CREATE INDEX deliveries_by_event ON deliveries (event_id);
CREATE TABLE attempts (id TEXT PRIMARY KEY, delivery_id TEXT NOT NULL, attempt_number INTEGER NOT NULL, started_at BIGINT NOT NULL, duration_ms INTEGER NOT NULL, request_url TEXT NOT NULL, request_headers TEXT NOT NULL, response_status INTEGER, response_headers TEXT, response_body BYTEA, response_body_truncated INTEGER NOT NULL DEFAULT 0, error TEXT);
CREATE INDEX attempts_by_delivery ON attempts (delivery_id, id);
CREATE TABLE dqueue (delivery_id TEXT PRIMARY KEY, endpoint_id TEXT NOT NULL, next_attempt_at BIGINT, lease_owner TEXT, lease_expires_at BIGINT);
CREATE INDEX dqueue_due ON dqueue (next_attempt_at);

-- SmartComply Webhooks, SQLite schema. Timestamps are epoch milliseconds (INTEGER) on both
-- engines; ids are text 'prefix_' + 32 hex that sort by creation time.

CREATE TABLE settings (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE accounts (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE api_keys (
  id         TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts (id),
  key_hash   TEXT NOT NULL UNIQUE,
  key_hint   TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

CREATE TABLE endpoints (
  id              TEXT PRIMARY KEY,
  account_id      TEXT NOT NULL REFERENCES accounts (id),
  url             TEXT NOT NULL,
  description     TEXT,
  event_types     TEXT NOT NULL,
  status          TEXT NOT NULL,
  disabled_reason TEXT,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  failing_since   INTEGER,
  last_success_at INTEGER,
  deleted_at      INTEGER
);
CREATE INDEX endpoints_by_account ON endpoints (account_id, id);

CREATE TABLE endpoint_secrets (
  id          TEXT PRIMARY KEY,
  endpoint_id TEXT NOT NULL REFERENCES endpoints (id),
  secret      TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER
);
CREATE INDEX endpoint_secrets_by_endpoint ON endpoint_secrets (endpoint_id, created_at);

CREATE TABLE events (
  id                  TEXT PRIMARY KEY,
  account_id          TEXT NOT NULL REFERENCES accounts (id),
  type                TEXT NOT NULL,
  payload             BLOB NOT NULL,
  created_at          INTEGER NOT NULL,
  idempotency_key     TEXT,
  request_fingerprint TEXT
);
CREATE INDEX events_by_account ON events (account_id, id);
CREATE UNIQUE INDEX events_idempotency ON events (account_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;

CREATE TABLE deliveries (
  id               TEXT PRIMARY KEY,
  account_id       TEXT NOT NULL,
  event_id         TEXT NOT NULL REFERENCES events (id),
  endpoint_id      TEXT NOT NULL REFERENCES endpoints (id),
  event_type       TEXT NOT NULL,
  status           TEXT NOT NULL,
  attempt_count    INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  INTEGER,
  lease_owner      TEXT,
  lease_expires_at INTEGER,
  last_status      INTEGER,
  last_error       TEXT,
  last_attempt_at  INTEGER,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_by_endpoint ON deliveries (endpoint_id, id);
CREATE INDEX deliveries_by_event ON deliveries (event_id);

CREATE TABLE attempts (
  id                      TEXT PRIMARY KEY,
  delivery_id             TEXT NOT NULL REFERENCES deliveries (id),
  attempt_number          INTEGER NOT NULL,
  started_at              INTEGER NOT NULL,
  duration_ms             INTEGER NOT NULL,
  request_url             TEXT NOT NULL,
  request_headers         TEXT NOT NULL,
  response_status         INTEGER,
  response_headers        TEXT,
  response_body           BLOB,
  response_body_truncated INTEGER NOT NULL DEFAULT 0,
  error                   TEXT
);
CREATE INDEX attempts_by_delivery ON attempts (delivery_id, id);

-- The audit log: one row per change of configuration, never updated; rows older than
-- webhooks.audit.retention are deleted. account_id is null for the platform's own changes (the
-- admin key). changes is a JSON array of {"field", "from", "to"}; it never holds a secret.
CREATE TABLE audit_log (
  id                TEXT PRIMARY KEY,
  account_id        TEXT,
  created_at        INTEGER NOT NULL,
  action            TEXT NOT NULL,
  actor_type        TEXT NOT NULL,
  actor_key_id      TEXT,
  actor_description TEXT,
  target_type       TEXT NOT NULL,
  target_id         TEXT,
  changes           TEXT NOT NULL,
  reason            TEXT,
  ip                TEXT,
  user_agent        TEXT
);

CREATE INDEX audit_log_by_account ON audit_log (account_id, id);
CREATE INDEX audit_log_by_age ON audit_log (created_at);

-- Dashboard sessions the platform opens (one-time sign-in links) belong to no API key: via says
-- how a session was opened, and such a session carries its own scope, mode and the address its
-- Back link returns to. SQLite cannot drop a NOT NULL, so the table is built again.
CREATE TABLE dashboard_sessions_v7 (
  token_mac  TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  api_key_id TEXT,
  via        TEXT NOT NULL DEFAULT 'api_key',
  scope      TEXT,
  mode       TEXT,
  return_url TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
INSERT INTO dashboard_sessions_v7 (token_mac, account_id, api_key_id, created_at, expires_at)
  SELECT token_mac, account_id, api_key_id, created_at, expires_at FROM dashboard_sessions;
DROP TABLE dashboard_sessions;
ALTER TABLE dashboard_sessions_v7 RENAME TO dashboard_sessions;
CREATE INDEX dashboard_sessions_by_expiry ON dashboard_sessions (expires_at);
CREATE INDEX dashboard_sessions_by_key ON dashboard_sessions (api_key_id);

-- One-time sign-in links the platform asks for: only an HMAC of the token is kept; used_at is set
-- by the one sign-in that consumes it.
CREATE TABLE dashboard_sign_in_links (
  token_mac  TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  scope      TEXT NOT NULL,
  mode       TEXT NOT NULL,
  return_url TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
);

CREATE INDEX dashboard_sign_in_links_by_expiry ON dashboard_sign_in_links (expires_at);

-- The audit log: one row per change of configuration, never updated; rows older than
-- webhooks.audit.retention are deleted. account_id is null for the platform's own changes (the
-- admin key). changes is a JSON array of {"field", "from", "to"}; it never holds a secret.
CREATE TABLE audit_log (
  id                TEXT PRIMARY KEY,
  account_id        TEXT,
  created_at        BIGINT NOT NULL,
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
-- Back link returns to.
ALTER TABLE dashboard_sessions ALTER COLUMN api_key_id DROP NOT NULL;
ALTER TABLE dashboard_sessions ADD COLUMN via TEXT NOT NULL DEFAULT 'api_key';
ALTER TABLE dashboard_sessions ADD COLUMN scope TEXT;
ALTER TABLE dashboard_sessions ADD COLUMN mode TEXT;
ALTER TABLE dashboard_sessions ADD COLUMN return_url TEXT;

-- One-time sign-in links the platform asks for: only an HMAC of the token is kept; used_at is set
-- by the one sign-in that consumes it.
CREATE TABLE dashboard_sign_in_links (
  token_mac  TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  scope      TEXT NOT NULL,
  mode       TEXT NOT NULL,
  return_url TEXT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);

CREATE INDEX dashboard_sign_in_links_by_expiry ON dashboard_sign_in_links (expires_at);

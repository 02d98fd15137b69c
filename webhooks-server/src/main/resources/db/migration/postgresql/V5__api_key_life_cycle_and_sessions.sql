-- API keys get a life cycle: a name, a scope, a mode, a visible prefix, when they were last used
-- (to the minute) and, once rolled, when they stop working.
ALTER TABLE api_keys ADD COLUMN name TEXT;
ALTER TABLE api_keys ADD COLUMN scope TEXT NOT NULL DEFAULT 'full';
ALTER TABLE api_keys ADD COLUMN mode TEXT NOT NULL DEFAULT 'live';
ALTER TABLE api_keys ADD COLUMN key_prefix TEXT;
ALTER TABLE api_keys ADD COLUMN last_used_at BIGINT;
ALTER TABLE api_keys ADD COLUMN expires_at BIGINT;

CREATE INDEX api_keys_by_account ON api_keys (account_id, created_at);

-- Dashboard sessions, kept on the server. The browser holds a random token; only an HMAC of it
-- under a key derived from the service's encryption key is stored, so a copy of this table (or of
-- the whole database) opens nothing. Each session belongs to the API key that signed in.
CREATE TABLE dashboard_sessions (
  token_mac  TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  api_key_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE INDEX dashboard_sessions_by_expiry ON dashboard_sessions (expires_at);
CREATE INDEX dashboard_sessions_by_key ON dashboard_sessions (api_key_id);

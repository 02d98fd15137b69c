-- Standard Webhooks v1a: each endpoint that opts in holds Ed25519 signing keys. Rotation adds a
-- key and gives the older ones an expiry (both sign until then), like endpoint_secrets. The
-- private key is encrypted like a signing secret; the public key is public. jwks_id is the
-- unguessable, stable name of the endpoint's public key set (the same on every key row of an
-- endpoint), under which the JWKS is served without authentication.
-- No foreign key to endpoints: the retention purge deletes these rows with the endpoint.
CREATE TABLE endpoint_signing_keys (
  id          TEXT PRIMARY KEY,
  endpoint_id TEXT NOT NULL,
  jwks_id     TEXT NOT NULL,
  private_key TEXT NOT NULL,
  public_key  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER
);
CREATE INDEX endpoint_signing_keys_by_endpoint ON endpoint_signing_keys (endpoint_id, created_at);
CREATE INDEX endpoint_signing_keys_by_jwks_id ON endpoint_signing_keys (jwks_id);

-- A filter on the event's data (a MongoDB-style query, compact JSON), or NULL for every event
-- of the subscribed types.
ALTER TABLE endpoints ADD COLUMN filter TEXT;

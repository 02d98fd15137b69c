-- Custom headers an endpoint's deliveries carry (#18). Their names are shown on every read and
-- kept in clear, comma-separated (a header name is an HTTP token: it holds no comma); the names
-- with their values are encrypted like signing secrets (AES-256-GCM, bound to the endpoint), as
-- values are often credentials. Both NULL when the endpoint has none.
ALTER TABLE endpoints ADD COLUMN custom_header_names TEXT;
ALTER TABLE endpoints ADD COLUMN custom_headers TEXT;

-- An endpoint's metadata (#18): the customer's own string labels, one row per key, so that the
-- list can filter by several key=value pairs with plain indexed SQL on both engines.
CREATE TABLE endpoint_metadata (
  endpoint_id TEXT NOT NULL,
  meta_key    TEXT NOT NULL,
  meta_value  TEXT NOT NULL,
  PRIMARY KEY (endpoint_id, meta_key)
);
CREATE INDEX endpoint_metadata_by_pair ON endpoint_metadata (meta_key, meta_value, endpoint_id);

-- Accounts get an optional contact address: where notices about failing and disabled endpoints go.
ALTER TABLE accounts ADD COLUMN email TEXT;

-- Which notices were sent for an endpoint's current run of failures (the episode that began at
-- failing_since), so that every node, before and after restarts, sends each one once. A new run of
-- failures (another failing_since) starts afresh; the row is deleted when the endpoint recovers.
CREATE TABLE endpoint_notices (
  endpoint_id      TEXT PRIMARY KEY,
  failing_since    BIGINT NOT NULL,
  failing_sent_at  BIGINT,
  disabled_sent_at BIGINT
);

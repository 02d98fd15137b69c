-- Listen sessions (`webhooks listen`) are endpoints of kind 'listen': they show in the endpoint
-- list and the delivery log like any endpoint, but the delivery engine never sends to them (the
-- CLI takes their events over a stream it opened). last_seen_at is when the CLI was last
-- connected; a session unseen for webhooks.listen.idle-timeout is deleted by the listen sweep.
ALTER TABLE endpoints ADD COLUMN kind TEXT NOT NULL DEFAULT 'http' CHECK (kind IN ('http', 'listen'));
ALTER TABLE endpoints ADD COLUMN last_seen_at INTEGER;
CREATE INDEX endpoints_listen_by_last_seen ON endpoints (last_seen_at)
  WHERE kind = 'listen' AND deleted_at IS NULL;

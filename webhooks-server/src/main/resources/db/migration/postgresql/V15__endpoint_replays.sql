-- Replays of a window of past events to one endpoint, run in batches as a tracked job.
-- last_event_id is the id of the last event a committed batch replayed ('' before the first): a batch
-- writes its deliveries and moves last_event_id in one transaction, so a job resumed on another node
-- (heartbeat_at gone stale) neither skips nor repeats an event. No foreign key: the replays of an
-- endpoint are deleted with it, and the endpoint purge must not be held up by them.
CREATE TABLE endpoint_replays (
  id            TEXT PRIMARY KEY,
  account_id    TEXT NOT NULL,
  mode          TEXT NOT NULL,
  endpoint_id   TEXT NOT NULL,
  since         BIGINT NOT NULL,
  until         BIGINT NOT NULL,
  types         TEXT NOT NULL,
  status        TEXT NOT NULL,
  total_count   INTEGER NOT NULL,
  created_count INTEGER NOT NULL,
  last_event_id TEXT NOT NULL,
  error         TEXT,
  created_at    BIGINT NOT NULL,
  completed_at  BIGINT,
  heartbeat_at  BIGINT NOT NULL
);
CREATE INDEX endpoint_replays_by_endpoint ON endpoint_replays (endpoint_id, id);
-- At most one running replay per endpoint, across every node: the second start fails on this.
CREATE UNIQUE INDEX endpoint_replays_one_running ON endpoint_replays (endpoint_id) WHERE status = 'running';

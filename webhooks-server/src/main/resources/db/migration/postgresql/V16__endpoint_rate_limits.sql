-- Rate limit per endpoint: at most rate_limit_per_second requests in any second, NULL for no limit.
ALTER TABLE endpoints ADD COLUMN rate_limit_per_second INTEGER;
-- Each node reads the limited endpoints about once a second: only those, not the whole table.
CREATE INDEX endpoints_rate_limited ON endpoints (id) WHERE rate_limit_per_second IS NOT NULL;

-- Answers 429 Too Many Requests a delivery got from a rate-limited endpoint: they are logged as
-- attempts but do not move the delivery along the retry schedule (attempt_count - throttled_count does).
ALTER TABLE deliveries ADD COLUMN throttled_count INTEGER NOT NULL DEFAULT 0;

-- The shared state of each rate-limited endpoint's limiter (GCRA): tat_us is the theoretical arrival
-- time of the next request, in microseconds since the epoch. Every node reserves its sends from this
-- row with one atomic UPDATE, so the limit holds across nodes. No foreign key: a row of a deleted
-- endpoint is a few bytes nobody reads.
CREATE TABLE endpoint_rate_buckets (
  endpoint_id TEXT PRIMARY KEY,
  tat_us      BIGINT NOT NULL
);

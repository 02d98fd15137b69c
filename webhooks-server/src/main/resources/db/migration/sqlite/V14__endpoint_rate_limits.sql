-- Rate limit per endpoint: at most rate_limit_per_second requests in any second, NULL for no limit.
-- On SQLite one node sends, so the limiter's state lives in that node's memory.
ALTER TABLE endpoints ADD COLUMN rate_limit_per_second INTEGER;
-- Each node reads the limited endpoints about once a second: only those, not the whole table.
CREATE INDEX endpoints_rate_limited ON endpoints (id) WHERE rate_limit_per_second IS NOT NULL;

-- Answers 429 Too Many Requests a delivery got from a rate-limited endpoint: they are logged as
-- attempts but do not move the delivery along the retry schedule (attempt_count - throttled_count does).
ALTER TABLE deliveries ADD COLUMN throttled_count INTEGER NOT NULL DEFAULT 0;

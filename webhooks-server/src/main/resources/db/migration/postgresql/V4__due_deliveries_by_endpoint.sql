-- The due deliveries of one endpoint, oldest first. A claim reads them per endpoint when the oldest
-- due rows of the whole queue all belong to endpoints it leaves out (at their cap): without it,
-- one endpoint's backlog longer than a claim's read window held up everyone else's retries (see
-- DueCandidates). Holding, releasing and parking an endpoint's deliveries walk only its pending
-- rows through it, not every delivery it ever had. SQLite has no such index (SqliteDialect says why).
--
-- CONCURRENTLY, so that building it over a large deliveries table does not stop publishes and
-- attempts meanwhile; Flyway runs a script of only such statements outside a transaction. A build
-- that was interrupted leaves an invalid index of this name behind, and this script, not recorded
-- as applied, runs again at the next start: hence the drop first.
DROP INDEX CONCURRENTLY IF EXISTS deliveries_due_by_endpoint;
CREATE INDEX CONCURRENTLY deliveries_due_by_endpoint
  ON deliveries (endpoint_id, next_attempt_at) WHERE status = 'pending';

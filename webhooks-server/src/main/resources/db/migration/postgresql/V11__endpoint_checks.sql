-- Conformance checks of endpoints: a short series of signed and hostile requests sent to an
-- endpoint, each answer graded. cases is the JSON array of graded cases, filled in as they run.
-- No foreign key: the checks of an endpoint are deleted with it (EndpointDeleted), and the
-- endpoint purge must not be held up by them.
CREATE TABLE endpoint_checks (
  id           TEXT PRIMARY KEY,
  account_id   TEXT NOT NULL,
  mode         TEXT NOT NULL,
  endpoint_id  TEXT NOT NULL,
  status       TEXT NOT NULL,
  started_at   BIGINT NOT NULL,
  completed_at BIGINT,
  cases        TEXT NOT NULL
);
CREATE INDEX endpoint_checks_by_endpoint ON endpoint_checks (endpoint_id, id);
-- At most one running check per endpoint, across every node: the second start fails on this.
CREATE UNIQUE INDEX endpoint_checks_one_running ON endpoint_checks (endpoint_id) WHERE status = 'running';

-- Every delivery gets an explicit state, read until now off status, next_attempt_at, lease_owner
-- and lease_expires_at (DeliveryState names them and says which statement moves a delivery from
-- one to another). CHECK constraints tie the state to those columns, so no statement can write a
-- combination the engine does not know.
--
--   waiting    pending, due at next_attempt_at, no lease
--   leased     pending, leased to lease_owner until lease_expires_at (a lease that ran out is still
--              leased: due again, by its due time, which the lease had moved to its expiry)
--   parked     pending, due at next_attempt_at unless its endpoint recovers sooner, no lease
--              (the parking mark, a lease expiry without an owner, is no longer needed)
--   held       pending, its endpoint disabled: no due time; a live lease is kept while its attempt
--              is in flight
--   succeeded, failed, cancelled   as status says: no due time, no lease
--
-- One UPDATE of every row, in the migration's transaction: it rewrites the table once and blocks
-- writes to it meanwhile, so on a large table plan the upgrade for a quiet moment.
ALTER TABLE deliveries ADD COLUMN state TEXT;

UPDATE deliveries
   SET state = CASE WHEN status <> 'pending' THEN status
                    WHEN next_attempt_at IS NULL THEN 'held'
                    WHEN lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL THEN 'leased'
                    WHEN lease_expires_at IS NOT NULL THEN 'parked'
                    ELSE 'waiting' END,
       next_attempt_at = CASE WHEN status = 'pending' THEN next_attempt_at END,
       lease_owner = CASE WHEN status = 'pending' AND lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL
                          THEN lease_owner END,
       lease_expires_at = CASE WHEN status = 'pending' AND lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL
                               THEN lease_expires_at END;

ALTER TABLE deliveries ALTER COLUMN state SET NOT NULL;
ALTER TABLE deliveries
  ADD CONSTRAINT deliveries_state_known
    CHECK (state IN ('waiting', 'leased', 'parked', 'held', 'succeeded', 'failed', 'cancelled')),
  ADD CONSTRAINT deliveries_status_of_state
    CHECK (status = CASE WHEN state IN ('succeeded', 'failed', 'cancelled') THEN state ELSE 'pending' END),
  ADD CONSTRAINT deliveries_lease_whole
    CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL)),
  ADD CONSTRAINT deliveries_lease_only_leased_or_held
    CHECK (lease_owner IS NULL OR state IN ('leased', 'held')),
  ADD CONSTRAINT deliveries_leased_has_lease
    CHECK (state <> 'leased' OR lease_owner IS NOT NULL),
  ADD CONSTRAINT deliveries_due_unless_held_or_ended
    CHECK ((next_attempt_at IS NULL) = (state IN ('held', 'succeeded', 'failed', 'cancelled')));

-- The due index now of the states a claim takes from (a held or ended delivery has no due time).
DROP INDEX deliveries_due;
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state IN ('waiting', 'leased', 'parked');

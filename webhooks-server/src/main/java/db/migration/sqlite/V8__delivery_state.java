package db.migration.sqlite;

import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Every delivery gets an explicit state, read until now off status, next_attempt_at, lease_owner
 * and lease_expires_at (DeliveryState names them and says which statement moves a delivery from
 * one to another). CHECK constraints tie the state to those columns, so no statement can write a
 * combination the engine does not know.
 *
 * <pre>
 *   waiting    pending, due at next_attempt_at, no lease
 *   leased     pending, leased to lease_owner until lease_expires_at (a lease that ran out is still
 *              leased: due again, by its due time, which the lease had moved to its expiry)
 *   parked     pending, due at next_attempt_at unless its endpoint recovers sooner, no lease
 *              (the parking mark, a lease expiry without an owner, is no longer needed)
 *   held       pending, its endpoint disabled: no due time; a live lease is kept while its attempt
 *              is in flight
 *   succeeded, failed, cancelled   as status says: no due time, no lease
 * </pre>
 *
 * <p>SQLite adds a table-level CHECK only by building the table anew: SQLite's twelve-step ALTER
 * TABLE procedure, run outside Flyway's transaction because foreign keys can only be switched off
 * outside one: hence a Java migration, which opens and commits its own (Flyway's SQL parser takes a
 * BEGIN in a script for a block). attempts refers to deliveries by name and keeps referring to the
 * new table, row for row the same ids.
 *
 * <p>The steps: foreign keys off; in one transaction, create the new table, copy every row with its
 * state, drop the old table, rename the new one, create the indexes again, check the foreign keys;
 * commit; foreign keys on again — whatever happened, since the connection goes back to the pool.
 */
public class V8__delivery_state extends BaseJavaMigration {

    private static final List<String> STATEMENTS = List.of("""
      CREATE TABLE deliveries_new (
        id               TEXT PRIMARY KEY,
        account_id       TEXT NOT NULL,
        event_id         TEXT NOT NULL REFERENCES events (id),
        endpoint_id      TEXT NOT NULL REFERENCES endpoints (id),
        event_type       TEXT NOT NULL,
        status           TEXT NOT NULL,
        attempt_count    INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  INTEGER,
        lease_owner      TEXT,
        lease_expires_at INTEGER,
        last_status      INTEGER,
        last_error       TEXT,
        last_attempt_at  INTEGER,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL,
        mode             TEXT NOT NULL DEFAULT 'live' CHECK (mode IN ('live', 'test')),
        state            TEXT NOT NULL,
        CONSTRAINT deliveries_state_known
          CHECK (state IN ('waiting', 'leased', 'parked', 'held', 'succeeded', 'failed', 'cancelled')),
        CONSTRAINT deliveries_status_of_state
          CHECK (status = CASE WHEN state IN ('succeeded', 'failed', 'cancelled') THEN state ELSE 'pending' END),
        CONSTRAINT deliveries_lease_whole
          CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL)),
        CONSTRAINT deliveries_lease_only_leased_or_held
          CHECK (lease_owner IS NULL OR state IN ('leased', 'held')),
        CONSTRAINT deliveries_leased_has_lease
          CHECK (state <> 'leased' OR lease_owner IS NOT NULL),
        CONSTRAINT deliveries_due_unless_held_or_ended
          CHECK ((next_attempt_at IS NULL) = (state IN ('held', 'succeeded', 'failed', 'cancelled')))
      )""", """
      INSERT INTO deliveries_new (id, account_id, event_id, endpoint_id, event_type, status, attempt_count,
                                  next_attempt_at, lease_owner, lease_expires_at, last_status, last_error,
                                  last_attempt_at, created_at, updated_at, mode, state)
      SELECT id, account_id, event_id, endpoint_id, event_type, status, attempt_count,
             CASE WHEN status = 'pending' THEN next_attempt_at END,
             CASE WHEN status = 'pending' AND lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL
                  THEN lease_owner END,
             CASE WHEN status = 'pending' AND lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL
                  THEN lease_expires_at END,
             last_status, last_error, last_attempt_at, created_at, updated_at, mode,
             CASE WHEN status <> 'pending' THEN status
                  WHEN next_attempt_at IS NULL THEN 'held'
                  WHEN lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL THEN 'leased'
                  WHEN lease_expires_at IS NOT NULL THEN 'parked'
                  ELSE 'waiting' END
        FROM deliveries""", """
      DROP TABLE deliveries""", """
      ALTER TABLE deliveries_new RENAME TO deliveries""", """
      -- The indexes of V1, the due index now of the states a claim takes from (a held delivery has no
      -- due time, an ended one none either).
      CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state IN ('waiting', 'leased', 'parked')""", """
      CREATE INDEX deliveries_by_endpoint ON deliveries (endpoint_id, id)""", """
      CREATE INDEX deliveries_by_event ON deliveries (event_id)""");

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws Exception {
        DeliveriesRebuild.run(context, statement -> STATEMENTS);
    }
}

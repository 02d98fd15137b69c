package db.migration.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Ordered delivery. An endpoint with ordering {@code fifo} sends its deliveries one line at a
 * time: a line is the endpoint's deliveries with the same value at {@code ordering_key} in the
 * event's data (all of them without a key; those whose data lacks the key make the keyless line).
 * Only a line's head is claimable; the deliveries behind it are {@code queued}: pending, no due
 * time, no lease. Unordered endpoints store nothing new ({@code line} stays NULL).
 *
 * <ul>
 *   <li>{@code endpoints.ordering} ({@code none} or {@code fifo}) and {@code ordering_key};
 *   <li>{@code deliveries.line} ({@code ''} for the keyless line, else the key's value as JSON
 *       text) and {@code line_seq}, its place in the line; the state CHECKs of V8 with {@code
 *       queued} added, and two more tying it to the line;
 *   <li>{@code deliveries_in_line}: each line's pending deliveries in line order;
 *   <li>{@code delivery_lines}: the last place given out per line with pending deliveries.
 * </ul>
 *
 * <p>A new CHECK means a new table on SQLite: the same twelve-step procedure as {@link
 * V8__delivery_state}, outside Flyway's transaction with foreign keys off.
 */
public class V15__ordered_delivery extends BaseJavaMigration {

    private static final List<String> STATEMENTS = List.of("""
      ALTER TABLE endpoints ADD COLUMN ordering TEXT NOT NULL DEFAULT 'none'
        CONSTRAINT endpoints_ordering_known CHECK (ordering IN ('none', 'fifo'))""", """
      ALTER TABLE endpoints ADD COLUMN ordering_key TEXT""", """
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
        line             TEXT,
        line_seq         INTEGER,
        CONSTRAINT deliveries_state_known
          CHECK (state IN ('waiting', 'leased', 'parked', 'held', 'queued', 'succeeded', 'failed', 'cancelled')),
        CONSTRAINT deliveries_status_of_state
          CHECK (status = CASE WHEN state IN ('succeeded', 'failed', 'cancelled') THEN state ELSE 'pending' END),
        CONSTRAINT deliveries_lease_whole
          CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL)),
        CONSTRAINT deliveries_lease_only_leased_or_held
          CHECK (lease_owner IS NULL OR state IN ('leased', 'held')),
        CONSTRAINT deliveries_leased_has_lease
          CHECK (state <> 'leased' OR lease_owner IS NOT NULL),
        CONSTRAINT deliveries_due_unless_held_or_ended
          CHECK ((next_attempt_at IS NULL) = (state IN ('held', 'queued', 'succeeded', 'failed', 'cancelled'))),
        CONSTRAINT deliveries_line_whole
          CHECK ((line IS NULL) = (line_seq IS NULL)),
        CONSTRAINT deliveries_queued_in_line
          CHECK (state <> 'queued' OR line IS NOT NULL)
      )""", """
      INSERT INTO deliveries_new (id, account_id, event_id, endpoint_id, event_type, status, attempt_count,
                                  next_attempt_at, lease_owner, lease_expires_at, last_status, last_error,
                                  last_attempt_at, created_at, updated_at, mode, state)
      SELECT id, account_id, event_id, endpoint_id, event_type, status, attempt_count,
             next_attempt_at, lease_owner, lease_expires_at, last_status, last_error,
             last_attempt_at, created_at, updated_at, mode, state
        FROM deliveries""", """
      DROP TABLE deliveries""", """
      ALTER TABLE deliveries_new RENAME TO deliveries""", """
      CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state IN ('waiting', 'leased', 'parked')""", """
      CREATE INDEX deliveries_by_endpoint ON deliveries (endpoint_id, id)""", """
      CREATE INDEX deliveries_by_event ON deliveries (event_id)""", """
      CREATE INDEX deliveries_in_line ON deliveries (endpoint_id, line, line_seq)
        WHERE status = 'pending' AND line IS NOT NULL""", """
      CREATE TABLE delivery_lines (
        endpoint_id TEXT NOT NULL,
        line        TEXT NOT NULL,
        last_seq    INTEGER NOT NULL,
        PRIMARY KEY (endpoint_id, line)
      )""");

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF");
            try {
                connection.setAutoCommit(false);
                for (String sql : STATEMENTS) {
                    statement.execute(sql);
                }
                for (String table : List.of("deliveries", "attempts")) {
                    try (ResultSet violations = statement.executeQuery("PRAGMA foreign_key_check(" + table + ")")) {
                        if (violations.next()) {
                            throw new IllegalStateException("Rebuilding deliveries broke a foreign key of " + table);
                        }
                    }
                }
                connection.commit();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
                statement.execute("PRAGMA foreign_keys = ON");
            }
        }
    }
}

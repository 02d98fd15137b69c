package db.migration.sqlite;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * V8__delivery_state}, outside Flyway's transaction with foreign keys off. Unlike V8 it does not
 * write the table out from a fixed list: a migration numbered before it may have added a column or
 * an index to deliveries, so the new table takes every column the old one has ({@code PRAGMA
 * table_info}) and every index and trigger on it is created again from its stored SQL.
 */
public class V15__ordered_delivery extends BaseJavaMigration {

    /**
     * Each column of deliveries as this migration knows it, by name, in V8's order. A column another
     * migration added before this one (SQLite keeps no record of which) is carried over as {@code
     * PRAGMA table_info} describes it: name, type, NOT NULL and default.
     */
    private static final Map<String, String> KNOWN_COLUMNS = known(
            "id TEXT PRIMARY KEY",
            "account_id TEXT NOT NULL",
            "event_id TEXT NOT NULL REFERENCES events (id)",
            "endpoint_id TEXT NOT NULL REFERENCES endpoints (id)",
            "event_type TEXT NOT NULL",
            "status TEXT NOT NULL",
            "attempt_count INTEGER NOT NULL DEFAULT 0",
            "next_attempt_at INTEGER",
            "lease_owner TEXT",
            "lease_expires_at INTEGER",
            "last_status INTEGER",
            "last_error TEXT",
            "last_attempt_at INTEGER",
            "created_at INTEGER NOT NULL",
            "updated_at INTEGER NOT NULL",
            "mode TEXT NOT NULL DEFAULT 'live' CHECK (mode IN ('live', 'test'))",
            "state TEXT NOT NULL");

    private static final String NEW_COLUMNS_AND_CONSTRAINTS = """
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
          CHECK (state <> 'queued' OR line IS NOT NULL)""";

    private static final List<String> BEFORE = List.of("""
      ALTER TABLE endpoints ADD COLUMN ordering TEXT NOT NULL DEFAULT 'none'
        CONSTRAINT endpoints_ordering_known CHECK (ordering IN ('none', 'fifo'))""", """
      ALTER TABLE endpoints ADD COLUMN ordering_key TEXT""");

    private static final List<String> AFTER = List.of("""
      CREATE INDEX deliveries_in_line ON deliveries (endpoint_id, line, line_seq)
        WHERE status = 'pending' AND line IS NOT NULL""", """
      CREATE TABLE delivery_lines (
        endpoint_id TEXT NOT NULL,
        line        TEXT NOT NULL,
        last_seq    INTEGER NOT NULL,
        PRIMARY KEY (endpoint_id, line)
      )""");

    private static Map<String, String> known(String... definitions) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String definition : definitions) {
            columns.put(definition.substring(0, definition.indexOf(' ')), definition);
        }
        return columns;
    }

    /**
     * The statements that rebuild deliveries with the new columns and constraints: every column it
     * has now (those of other migrations too), every row, and every index and trigger on it again.
     */
    private static List<String> rebuild(Statement statement) throws Exception {
        List<String> columns = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        try (ResultSet info = statement.executeQuery("PRAGMA table_info(deliveries)")) {
            while (info.next()) {
                String name = info.getString("name");
                columns.add(name);
                String definition = KNOWN_COLUMNS.get(name);
                if (definition == null) {
                    String defaultValue = info.getString("dflt_value");
                    definition = name + " " + info.getString("type")
                            + (info.getInt("notnull") == 1 ? " NOT NULL" : "")
                            + (defaultValue == null ? "" : " DEFAULT " + defaultValue);
                }
                definitions.add(definition);
            }
        }
        if (!columns.containsAll(KNOWN_COLUMNS.keySet())) {
            throw new IllegalStateException("deliveries lacks columns this migration copies: " + columns);
        }
        List<String> statements = new ArrayList<>();
        statements.add("CREATE TABLE deliveries_new (\n        " + String.join(",\n        ", definitions) + ",\n"
                + NEW_COLUMNS_AND_CONSTRAINTS + "\n      )");
        statements.addAll(DeliveriesRebuild.swap(
                String.join(", ", columns),
                DeliveriesRebuild.indexesAndTriggers(statement).values()));
        return statements;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return false;
    }

    @Override
    public void migrate(Context context) throws Exception {
        DeliveriesRebuild.run(context, statement -> {
            List<String> statements = new ArrayList<>(BEFORE);
            statements.addAll(rebuild(statement));
            statements.addAll(AFTER);
            return statements;
        });
    }
}

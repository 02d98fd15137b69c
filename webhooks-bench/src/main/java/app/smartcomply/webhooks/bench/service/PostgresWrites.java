package app.smartcomply.webhooks.bench.service;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What PostgreSQL wrote, read from its own counters: the WAL position and each of the delivery
 * path's tables' row inserts, updates (HOT ones among them) and deletes. Two snapshots around a
 * phase give its write amplification per delivery, with no extension to preload ({@code
 * pg_stat_statements} needs a restart with {@code shared_preload_libraries}).
 *
 * <p>A server process flushes its table counters at the end of a transaction at most once a
 * second, and an idle one within 10 s: {@link #settledSnapshot} waits that out.
 */
public final class PostgresWrites {

    /** The tables a publish and its deliveries write. */
    public static final String[] TABLES = {"events", "deliveries", "attempts", "endpoints"};

    /** One table's row writes. */
    public record Rows(long inserted, long updated, long hotUpdated, long deleted) {
        Rows minus(Rows before) {
            return new Rows(
                    inserted - before.inserted,
                    updated - before.updated,
                    hotUpdated - before.hotUpdated,
                    deleted - before.deleted);
        }

        public long writes() {
            return inserted + updated + deleted;
        }
    }

    /** The WAL position (bytes) and each table's rows at one moment. */
    public record Snapshot(long walBytes, Map<String, Rows> tables) {
        /** What was written between {@code before} and this snapshot. */
        public Snapshot minus(Snapshot before) {
            Map<String, Rows> delta = new LinkedHashMap<>();
            tables.forEach((name, rows) ->
                    delta.put(name, rows.minus(before.tables.getOrDefault(name, new Rows(0, 0, 0, 0)))));
            return new Snapshot(walBytes - before.walBytes, delta);
        }
    }

    private final PostgresDatabase database;

    public PostgresWrites(PostgresDatabase database) {
        this.database = database;
    }

    /** A snapshot once the counters of the last writes have been flushed: 11 s from now. */
    public Snapshot settledSnapshot() {
        try {
            Thread.sleep(11_000); // an idle server process flushes its table counters within 10 s
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return snapshot();
    }

    public Snapshot snapshot() {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            long wal;
            try (ResultSet rs = statement.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
                rs.next();
                wal = rs.getLong(1);
            }
            Map<String, Rows> tables = new LinkedHashMap<>();
            try (ResultSet rs = statement.executeQuery(
                    "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del FROM pg_stat_user_tables"
                            + " WHERE schemaname = 'public' AND relname IN ('events', 'deliveries', 'attempts', 'endpoints')")) {
                while (rs.next()) {
                    tables.put(rs.getString(1), new Rows(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                }
            }
            return new Snapshot(wal, tables);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read PostgreSQL's write counters: " + e.getMessage(), e);
        }
    }
}

package app.smartcomply.webhooks.bench.jmh;

import app.smartcomply.webhooks.delivery.internal.BenchmarkDeliverySql;
import app.smartcomply.webhooks.delivery.internal.ClaimedDelivery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A SQLite file with the service's real schema (its migrations, run by Flyway from the service's
 * classes) and a queue of waiting, due deliveries, plus the delivery queue's statements to run
 * against it.
 *
 * <p>A claim runs the service's own statements ({@link BenchmarkDeliverySql}: the candidate read of
 * {@code DueCandidates}, the lease and the load of {@code SqliteDeliverySql}). The recording of
 * attempts is still a copy of {@code SqliteDeliverySql.record} and {@code
 * EndpointService.recordDeliveryOutcome}: the service's outcome update applies only under a lease,
 * and the benchmark records random deliveries it never leased. Keep that text in step.
 * Connections are configured as the service configures its pool ({@code StoreDataSource}): WAL,
 * {@code BEGIN IMMEDIATE}, busy_timeout 30 s, foreign keys, and {@code synchronous} as given (FULL
 * is the service's setting).
 */
final class SqliteFixture {

    /** JdbcDeliveryQueue.resolve's insert. */
    static final String INSERT_ATTEMPT = """
      INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_url,
                            request_headers, response_status, response_headers, response_body,
                            response_body_truncated, error)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** SqliteDeliverySql.record's update, without the lease; the benchmarks keep the deliveries waiting so the queue keeps its size. */
    static final String RESOLVE = """
      UPDATE deliveries
         SET status = ?, state = 'waiting', attempt_count = ?, next_attempt_at = ?, lease_owner = NULL,
             lease_expires_at = NULL, last_status = ?, last_error = ?, last_attempt_at = ?,
             updated_at = ?
       WHERE id = ? AND status = 'pending'""";

    /** EndpointService.recordDeliveryOutcome after a success: a write only if the last one is a second old. */
    static final String ENDPOINT_SUCCESS = "UPDATE endpoints SET failing_since = NULL, last_success_at = ? WHERE id = ?"
            + " AND (failing_since IS NOT NULL OR last_success_at IS NULL OR last_success_at <= ?)";

    static final String OWNER = "bench-node";
    private static final HexFormat HEX = HexFormat.of();

    final Path dir;
    final Path file;
    final String synchronous;
    final int endpoints;
    final int pending;
    final List<String> endpointIds = new ArrayList<>();
    final List<String> deliveryIds = new ArrayList<>();
    private final String headersJson = "["
            + String.join(
                    ",",
                    Collections.nCopies(
                            10,
                            "{\"name\":\"X-SmartComply-Signature\",\"value\":\"t=1778000000,v1=" + "0".repeat(64)
                                    + "\"}"))
            + "]";

    SqliteFixture(String synchronous, int endpoints, int pending) throws Exception {
        this.synchronous = synchronous;
        this.endpoints = endpoints;
        this.pending = pending;
        this.dir = Files.createTempDirectory("webhooks-bench-sqlite");
        this.file = dir.resolve("webhooks.db");
        try (Connection connection = connect()) {
            Flyway.configure()
                    .dataSource(new SingleConnectionDataSource(connection, true))
                    .locations("classpath:db/migration/sqlite")
                    .load()
                    .migrate();
            connection.setAutoCommit(false);
            seed(connection);
        }
    }

    /**
     * A connection configured like one of the service's pool, in auto-commit mode like a pooled
     * connection between transactions; run work with {@link #inTransaction}.
     */
    Connection connect() throws SQLException {
        Properties pragmas = new Properties();
        pragmas.setProperty("journal_mode", "WAL");
        pragmas.setProperty("synchronous", synchronous);
        pragmas.setProperty("busy_timeout", "30000");
        pragmas.setProperty("transaction_mode", "IMMEDIATE");
        pragmas.setProperty("foreign_keys", "true");
        return DriverManager.getConnection("jdbc:sqlite:" + file, pragmas);
    }

    /** Work that throws SQLException. */
    interface Work {
        int run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction the way Spring's JdbcTransactionManager drives a pooled
     * connection: {@code setAutoCommit(false)}, the work, {@code commit()}, {@code setAutoCommit(true)}.
     * With sqlite-jdbc and transaction_mode=IMMEDIATE that is {@code BEGIN IMMEDIATE} (takes the write
     * lock), the work, {@code COMMIT} followed at once by another {@code BEGIN IMMEDIATE} (sqlite-jdbc
     * reopens a transaction after every commit), then {@code COMMIT} of that empty transaction.
     */
    static int inTransaction(Connection connection, Work work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            int result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void seed(Connection connection) throws SQLException {
        long now = System.currentTimeMillis();
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "INSERT INTO accounts (id, name, created_at) VALUES ('acct_bench', 'bench', " + now + ")");
        }
        try (PreparedStatement endpoint = connection.prepareStatement(
                "INSERT INTO endpoints (id, account_id, url, event_types, status, created_at, updated_at)"
                        + " VALUES (?, 'acct_bench', ?, '*', 'active', ?, ?)")) {
            for (int i = 0; i < endpoints; i++) {
                String id = "whe_" + HEX.toHexDigits((now << 16) + i) + HEX.toHexDigits((long) i);
                endpointIds.add(id);
                endpoint.setString(1, id);
                endpoint.setString(2, "http://127.0.0.1:9/e/" + i);
                endpoint.setLong(3, now);
                endpoint.setLong(4, now);
                endpoint.addBatch();
            }
            endpoint.executeBatch();
        }
        byte[] payload = new byte[600];
        java.util.Arrays.fill(payload, (byte) 'x');
        try (PreparedStatement event = connection.prepareStatement(
                        "INSERT INTO events (id, account_id, type, payload, created_at) VALUES (?, 'acct_bench', 'test.submitted', ?, ?)");
                PreparedStatement delivery = connection.prepareStatement(
                        "INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, state, attempt_count,"
                                + " next_attempt_at, created_at, updated_at)"
                                + " VALUES (?, 'acct_bench', ?, ?, 'test.submitted', 'pending', 'waiting', 0, ?, ?, ?)")) {
            int events = pending / endpoints;
            for (int i = 0; i < events; i++) {
                String eventId = "evt_" + HEX.toHexDigits((now << 16) + i)
                        + HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
                event.setString(1, eventId);
                event.setBytes(2, payload);
                event.setLong(3, now);
                event.addBatch();
                for (int e = 0; e < endpoints; e++) {
                    String id = "whd_" + HEX.toHexDigits((now << 16) + (long) i * endpoints + e)
                            + HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
                    deliveryIds.add(id);
                    delivery.setString(1, id);
                    delivery.setString(2, eventId);
                    delivery.setString(3, endpointIds.get(e));
                    delivery.setLong(4, dueAt(now, (long) i * endpoints + e)); // all due, in publish order
                    delivery.setLong(5, now);
                    delivery.setLong(6, now);
                    delivery.addBatch();
                }
                if (i % 1000 == 999) {
                    event.executeBatch();
                    delivery.executeBatch();
                }
            }
            event.executeBatch();
            delivery.executeBatch();
        }
        connection.commit();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
        connection.commit();
    }

    private long dueAt(long now, long index) {
        return now - 10L * pending + index;
    }

    /**
     * Leases and loads up to {@code limit} due deliveries as a claim of the service does, in the
     * current transaction: the candidate read, the lease of exactly those, the load of what was
     * leased.
     */
    int claim(Connection connection, List<String> excluded, int limit) {
        BenchmarkDeliverySql sql = new BenchmarkDeliverySql(connection);
        long now = System.currentTimeMillis();
        List<String> candidates = sql.dueCandidates(now, limit, excluded);
        if (candidates.isEmpty()) {
            return 0;
        }
        List<String> ids = sql.lease(OWNER, now, now + 60_000, candidates);
        if (ids.isEmpty()) {
            return 0;
        }
        int loaded = 0;
        for (ClaimedDelivery delivery : sql.loadLeased(ids, now + 60_000)) {
            loaded += delivery.payload().length > 0 ? 1 : 0;
        }
        return loaded;
    }

    /**
     * Gives every lease back (auto-commit), each delivery due again at once. A lease had moved its
     * due time to the lease's expiry; the queue's order among the rest is not what is measured.
     */
    void releaseLeases(Connection connection) {
        new BenchmarkDeliverySql(connection).giveBackEveryLease(System.currentTimeMillis());
    }

    /**
     * Records {@code count} successful attempts of random deliveries the way AttemptRecorder does
     * (attempt row, delivery update, endpoint update) inside the connection's current transaction;
     * the caller commits.
     */
    int recordAttempts(Connection connection, int count) throws SQLException {
        long now = System.currentTimeMillis();
        int changed = 0;
        try (PreparedStatement attempt = connection.prepareStatement(INSERT_ATTEMPT);
                PreparedStatement resolve = connection.prepareStatement(RESOLVE);
                PreparedStatement endpoint = connection.prepareStatement(ENDPOINT_SUCCESS)) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < count; i++) {
                int index = random.nextInt(deliveryIds.size());
                String deliveryId = deliveryIds.get(index);
                attempt.setString(
                        1,
                        "wha_" + HEX.toHexDigits((now << 16) + random.nextInt(65536))
                                + HEX.toHexDigits(random.nextLong()));
                attempt.setString(2, deliveryId);
                attempt.setInt(3, 1);
                attempt.setLong(4, now);
                attempt.setLong(5, 3);
                attempt.setString(6, "http://127.0.0.1:9/e/0");
                attempt.setString(7, headersJson);
                attempt.setInt(8, 200);
                attempt.setString(9, "[{\"name\":\"Content-Length\",\"value\":\"2\"}]");
                attempt.setBytes(10, new byte[] {'o', 'k'});
                attempt.setInt(11, 0);
                attempt.setNull(12, java.sql.Types.VARCHAR);
                changed += attempt.executeUpdate();
                resolve.setString(1, "pending");
                resolve.setInt(2, 1);
                resolve.setLong(3, dueAt(now, index));
                resolve.setInt(4, 200);
                resolve.setNull(5, java.sql.Types.VARCHAR);
                resolve.setLong(6, now);
                resolve.setLong(7, now);
                resolve.setString(8, deliveryId);
                changed += resolve.executeUpdate();
                endpoint.setLong(1, now);
                endpoint.setString(2, endpointIds.get(index % endpoints));
                endpoint.setLong(3, now - 1_000);
                changed += endpoint.executeUpdate();
            }
        }
        return changed;
    }

    void delete() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}

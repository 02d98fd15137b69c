package app.smartcomply.webhooks.bench;

import app.smartcomply.webhooks.bench.service.PostgresDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a backlog straight into the service's tables while the service is stopped: events and one
 * pending, due delivery per (event, endpoint), shaped exactly as the publish API would have stored
 * them (ids, payload envelope, columns). Orders of magnitude faster than publishing them one by one,
 * which would measure the publish path, not the drain.
 */
final class BacklogSeeder {

    private static final HexFormat HEX = HexFormat.of();
    private static final int BATCH = 2_000;

    private BacklogSeeder() {}

    /** Seeds {@code events × endpointIds.size()} deliveries; returns the number written. */
    static long seed(Path sqliteFile, String postgresUrl, String accountId, List<String> endpointIds, long events)
            throws SQLException {
        try (Connection connection = postgresUrl != null
                ? new PostgresDatabase(postgresUrl).connect()
                : DriverManager.getConnection("jdbc:sqlite:" + sqliteFile)) {
            if (postgresUrl == null) {
                try (Statement pragmas = connection.createStatement()) {
                    pragmas.execute("PRAGMA journal_mode=WAL");
                    pragmas.execute("PRAGMA synchronous=OFF"); // this connection only: the seed is rebuilt if lost
                    pragmas.execute("PRAGMA foreign_keys=ON");
                }
            }
            connection.setAutoCommit(false);
            long now = System.currentTimeMillis();
            String createdAt = Instant.ofEpochMilli(now).toString();
            long written = 0;
            try (PreparedStatement event = connection.prepareStatement(
                            "INSERT INTO events (id, account_id, type, payload, created_at) VALUES (?, ?, 'test.submitted', ?, ?)");
                    PreparedStatement delivery = connection.prepareStatement(
                            "INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, state, attempt_count,"
                                    + " next_attempt_at, created_at, updated_at)"
                                    + " VALUES (?, ?, ?, ?, 'test.submitted', 'pending', 'waiting', 0, ?, ?, ?)")) {
                long deliverySequence = 0;
                for (long i = 0; i < events; i++) {
                    String eventId = "evt_" + HEX.toHexDigits((now << 16) + i)
                            + HEX.toHexDigits(ThreadLocalRandom.current().nextLong());
                    byte[] payload = ("{\"id\":\"" + eventId + "\",\"type\":\"test.submitted\",\"created_at\":\""
                                    + createdAt + "\",\"data\":"
                                    + app.smartcomply.webhooks.bench.load.EventData.testSubmitted(i) + "}")
                            .getBytes(StandardCharsets.UTF_8);
                    event.setString(1, eventId);
                    event.setString(2, accountId);
                    event.setBytes(3, payload);
                    event.setLong(4, now);
                    event.addBatch();
                    for (String endpointId : endpointIds) {
                        delivery.setString(
                                1,
                                "whd_" + HEX.toHexDigits((now << 16) + deliverySequence++)
                                        + HEX.toHexDigits(
                                                ThreadLocalRandom.current().nextLong()));
                        delivery.setString(2, accountId);
                        delivery.setString(3, eventId);
                        delivery.setString(4, endpointId);
                        delivery.setLong(5, now);
                        delivery.setLong(6, now);
                        delivery.setLong(7, now);
                        delivery.addBatch();
                        written++;
                    }
                    if ((i + 1) % BATCH == 0 || i == events - 1) {
                        event.executeBatch();
                        delivery.executeBatch();
                        if (postgresUrl != null) {
                            connection.commit();
                        }
                    }
                    if ((i + 1) % 20_000 == 0) {
                        System.out.println("  seeded " + written + " deliveries");
                    }
                }
            }
            connection.commit();
            if (postgresUrl != null) {
                try (Statement analyze = connection.createStatement()) {
                    connection.setAutoCommit(true);
                    analyze.execute("ANALYZE");
                }
            }
            return written;
        }
    }
}

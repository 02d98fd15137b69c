package app.smartcomply.webhooks.bench;

import app.smartcomply.webhooks.bench.load.EventData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Writes finished history straight into a stopped service's SQLite file: events, each with one
 * succeeded delivery and its one attempt (request headers, response headers and a 1–4 KiB
 * response body), all made at {@code createdAt} and the milliseconds after it — what the retention
 * purge deletes once {@code createdAt} is past the retention period.
 *
 * <p>The ids carry those times the way the service makes them (store/PrefixedIds: 48 bits of
 * epoch milliseconds, 16 bits of counter, 64 random bits), because the purge finds old events as
 * the range of ids below the horizon: an id made "now" for a row dated in the past would never be
 * found. Event {@code i} is made at {@code createdAt + i} ms.
 */
final class PurgeBacklogSeeder {

    private static final HexFormat HEX = HexFormat.of();
    private static final int BATCH = 2_000;
    private static final String REQUEST_HEADERS =
            "content-type: application/json\nuser-agent: SmartComply-Webhooks/1.0\n"
                    + "webhook-signature: v1,ZmFrZS1zaWduYXR1cmUtZm9yLXRoZS1iZW5jaG1hcmstc2VlZA==\n";
    private static final String RESPONSE_HEADERS = "content-type: application/json\ncontent-length: 2048\n"
            + "date: Sat, 05 Dec 2026 12:00:00 GMT\nserver: receiver\n";

    /** What was written. */
    record Seeded(long events, long deliveries, long attempts) {
        long rows() {
            return events + deliveries + attempts;
        }
    }

    private PurgeBacklogSeeder() {}

    static Seeded seed(
            Path sqliteFile, String accountId, String endpointId, String endpointUrl, long events, long createdAt)
            throws SQLException {
        SplittableRandom random = new SplittableRandom(42);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + sqliteFile)) {
            try (Statement pragmas = connection.createStatement()) {
                pragmas.execute("PRAGMA journal_mode=WAL");
                pragmas.execute("PRAGMA synchronous=OFF"); // this connection only: the seed is rebuilt if lost
                pragmas.execute("PRAGMA foreign_keys=ON");
            }
            connection.setAutoCommit(false);
            try (PreparedStatement event = connection.prepareStatement(
                            "INSERT INTO events (id, account_id, type, payload, created_at) VALUES (?, ?, 'test.submitted', ?, ?)");
                    PreparedStatement delivery = connection.prepareStatement(
                            "INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, state, attempt_count,"
                                    + " next_attempt_at, last_status, last_attempt_at, created_at, updated_at)"
                                    + " VALUES (?, ?, ?, ?, 'test.submitted', 'succeeded', 'succeeded', 1, NULL, 200, ?, ?, ?)");
                    PreparedStatement attempt = connection.prepareStatement(
                            "INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_url,"
                                    + " request_headers, response_status, response_headers, response_body, response_body_truncated)"
                                    + " VALUES (?, ?, 1, ?, ?, ?, ?, 200, ?, ?, 0)")) {
                for (long i = 0; i < events; i++) {
                    long made = createdAt + i;
                    String eventId = id("evt_", made, i, random);
                    String deliveryId = id("whd_", made, i, random);
                    byte[] payload = ("{\"id\":\"" + eventId + "\",\"type\":\"test.submitted\",\"created_at\":\""
                                    + Instant.ofEpochMilli(made) + "\",\"data\":" + EventData.testSubmitted(i) + "}")
                            .getBytes(StandardCharsets.UTF_8);
                    event.setString(1, eventId);
                    event.setString(2, accountId);
                    event.setBytes(3, payload);
                    event.setLong(4, made);
                    event.addBatch();
                    delivery.setString(1, deliveryId);
                    delivery.setString(2, accountId);
                    delivery.setString(3, eventId);
                    delivery.setString(4, endpointId);
                    delivery.setLong(5, made + 20);
                    delivery.setLong(6, made);
                    delivery.setLong(7, made + 40);
                    delivery.addBatch();
                    attempt.setString(1, id("wha_", made + 20, i, random));
                    attempt.setString(2, deliveryId);
                    attempt.setLong(3, made + 20);
                    attempt.setInt(4, 5 + random.nextInt(200));
                    attempt.setString(5, endpointUrl);
                    attempt.setString(6, REQUEST_HEADERS);
                    attempt.setString(7, RESPONSE_HEADERS);
                    attempt.setBytes(8, responseBody(1024 + random.nextInt(3 * 1024 + 1), random));
                    attempt.addBatch();
                    if ((i + 1) % BATCH == 0 || i == events - 1) {
                        event.executeBatch();
                        delivery.executeBatch();
                        attempt.executeBatch();
                    }
                    if ((i + 1) % 50_000 == 0) {
                        System.out.println("  seeded " + (i + 1) + " events");
                    }
                }
            }
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement checkpoint = connection.createStatement()) {
                // The file is copied once per phase: everything in it, nothing left in the WAL.
                checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            return new Seeded(events, events, events);
        }
    }

    /** An id as PrefixedIds makes it at {@code millis}: the time, a counter, random bits. */
    private static String id(String prefix, long millis, long counter, SplittableRandom random) {
        return prefix + HEX.toHexDigits((millis << 16) | (counter & 0xFFFF)) + HEX.toHexDigits(random.nextLong());
    }

    /** A JSON body of about {@code size} bytes, different for each attempt (so it does not compress away). */
    private static byte[] responseBody(int size, SplittableRandom random) {
        StringBuilder body = new StringBuilder(size + 64).append("{\"received\":true,\"trace\":\"");
        while (body.length() < size - 2) {
            body.append(HEX.toHexDigits(random.nextLong()));
        }
        body.setLength(size - 2);
        return body.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
    }
}

package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.ReportedAttempt;
import java.nio.charset.StandardCharsets;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements on deliveries that a person or the CLI starts, not the engine: a retry by hand,
 * the recovery of an endpoint's dead letters, a delivery a {@code webhooks listen} session made and
 * reported. The same on both engines. Each sets {@code state} in the same statement, as {@link
 * DeliverySql}'s do; {@link DeliveryState#EDGES} names the method of every move.
 *
 * <p>Every method runs in the caller's transaction, if there is one. Thread-safe: statements only.
 */
public final class ManualDeliverySql {

    private final JdbcClient jdbc;
    private final DeliveryLines lines;

    public ManualDeliverySql(JdbcTemplate template) {
        this.jdbc = JdbcClient.create(template);
        this.lines = new DeliveryLines(template);
    }

    /**
     * Sends a delivery again now, whatever its state but cancelled: waiting and due now, or, under a
     * lease, still leased (claimed once that runs out, or recorded by its attempt). A delivery of an
     * ordered endpoint's line keeps the line: queued, it stays queued (it goes in its turn); ended,
     * it goes to the end of its line ({@link DeliveryLines#reenter}).
     */
    public int retry(String deliveryId, long now) {
        int retried = jdbc.sql("UPDATE deliveries SET status = 'pending', next_attempt_at = :now, updated_at = :now,"
                        + " state = CASE WHEN lease_owner IS NULL THEN 'waiting' ELSE 'leased' END"
                        + " WHERE id = :id AND status <> 'cancelled'"
                        + " AND (line IS NULL OR (status = 'pending' AND state <> 'queued'))")
                .param("now", now)
                .param("id", deliveryId)
                .update();
        return retried > 0 ? retried : lines.reenter(deliveryId, now);
    }

    /**
     * Makes every dead letter of the endpoint created since {@code since} waiting and due now; those
     * of an ordered endpoint's lines go to the ends of their lines ({@link DeliveryLines#recover}).
     */
    public int recover(String endpointId, long since, long now) {
        return jdbc.sql("UPDATE deliveries SET status = 'pending', state = 'waiting', next_attempt_at = :now,"
                                + " updated_at = :now WHERE endpoint_id = :endpoint AND status = 'failed' AND created_at >= :since"
                                + " AND line IS NULL")
                        .param("now", now)
                        .param("endpoint", endpointId)
                        .param("since", since)
                        .update()
                + lines.recover(endpointId, since, now);
    }

    /**
     * Inserts a delivery that arrives already ended, with its one attempt: a {@code webhooks listen}
     * forward the CLI made and reported. Born {@link DeliveryState#SUCCEEDED succeeded} or {@link
     * DeliveryState#FAILED failed}, it has no due time and no lease, so no claim ever reads it.
     *
     * @param lastError the delivery's last error; null for a success
     * @throws org.springframework.dao.DuplicateKeyException if a delivery with this id exists
     */
    public void insertReported(ReportedAttempt a, String attemptId, String lastError, long now) {
        DeliveryState state = a.succeeded() ? DeliveryState.SUCCEEDED : DeliveryState.FAILED;
        jdbc.sql("INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, state,"
                        + " attempt_count, last_status, last_error, last_attempt_at, created_at, updated_at, mode)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)")
                .params(
                        a.deliveryId(),
                        a.accountId(),
                        a.eventId(),
                        a.endpointId(),
                        a.eventType(),
                        state.status().wireName(),
                        state.stored(),
                        a.responseStatus(),
                        lastError,
                        a.startedAt(),
                        now,
                        now,
                        a.mode().wire())
                .update();
        jdbc.sql("INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_url,"
                        + " request_headers, response_status, response_headers, response_body, response_body_truncated, error)"
                        + " VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        attemptId,
                        a.deliveryId(),
                        a.startedAt(),
                        a.durationMs(),
                        a.requestUrl(),
                        HeaderCodec.encode(a.requestHeaders()),
                        a.responseStatus(),
                        "",
                        a.responseBody() == null ? null : a.responseBody().getBytes(StandardCharsets.UTF_8),
                        a.responseBodyTruncated() ? 1 : 0,
                        a.error())
                .update();
    }
}

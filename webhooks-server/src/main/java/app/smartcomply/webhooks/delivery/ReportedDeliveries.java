package app.smartcomply.webhooks.delivery;

import app.smartcomply.webhooks.delivery.Attempt.Header;
import app.smartcomply.webhooks.delivery.internal.DeliveryState;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.store.GroupCommitter;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Writes down deliveries made outside the engine ({@link ReportedAttempt}): a delivery that is
 * already over — succeeded on a 2xx, failed otherwise — with its one attempt. Never pending, so
 * no claim ever picks it up and nothing is sent again from the service.
 */
@Service
public class ReportedDeliveries {

    private final JdbcClient jdbc;
    private final GroupCommitter commits;
    private final PrefixedIds ids;
    private final Clock clock;

    ReportedDeliveries(JdbcClient jdbc, GroupCommitter commits, PrefixedIds ids, Clock clock) {
        this.jdbc = jdbc;
        this.commits = commits;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Records the delivery and its attempt in one transaction.
     *
     * @throws ConflictException {@code delivery_already_reported} if a delivery with this id exists
     */
    public Delivery record(ReportedAttempt a) {
        long now = clock.millis();
        DeliveryStatus status = a.succeeded() ? DeliveryStatus.SUCCEEDED : DeliveryStatus.FAILED;
        String lastError = a.error() != null
                ? a.error()
                : a.responseStatus() == null ? "No response" : "HTTP " + a.responseStatus();
        try {
            commits.execute(() -> {
                // Born ended: the CLI made the attempt, the engine never will.
                DeliveryState state =
                        status == DeliveryStatus.SUCCEEDED ? DeliveryState.SUCCEEDED : DeliveryState.FAILED;
                jdbc.sql("INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, state,"
                                + " attempt_count, last_status, last_error, last_attempt_at, created_at, updated_at, mode)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)")
                        .params(
                                a.deliveryId(),
                                a.accountId(),
                                a.eventId(),
                                a.endpointId(),
                                a.eventType(),
                                status.wireName(),
                                state.stored(),
                                a.responseStatus(),
                                status == DeliveryStatus.SUCCEEDED ? null : lastError,
                                a.startedAt(),
                                now,
                                now,
                                a.mode().wire())
                        .update();
                jdbc.sql("INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_url,"
                                + " request_headers, response_status, response_headers, response_body, response_body_truncated, error)"
                                + " VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(
                                ids.next("wha_"),
                                a.deliveryId(),
                                a.startedAt(),
                                a.durationMs(),
                                a.requestUrl(),
                                encode(a),
                                a.responseStatus(),
                                "",
                                a.responseBody() == null
                                        ? null
                                        : a.responseBody().getBytes(StandardCharsets.UTF_8),
                                a.responseBodyTruncated() ? 1 : 0,
                                a.error())
                        .update();
                return null;
            });
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "delivery_already_reported", "delivery_id", "A delivery with this id was already recorded.");
        }
        return new Delivery(
                a.deliveryId(),
                a.accountId(),
                a.eventId(),
                a.endpointId(),
                a.eventType(),
                status,
                1,
                null,
                a.responseStatus(),
                status == DeliveryStatus.SUCCEEDED ? null : lastError,
                a.startedAt(),
                now,
                now,
                a.mode());
    }

    /** The stored form of the header list, as the engine writes it: {@code name: value} lines. */
    private static String encode(ReportedAttempt a) {
        StringBuilder out = new StringBuilder();
        for (Header header : a.requestHeaders()) {
            out.append(oneLine(header.name()))
                    .append(": ")
                    .append(oneLine(header.value()))
                    .append('\n');
        }
        return out.toString();
    }

    private static String oneLine(String value) {
        return value.replace('\r', ' ').replace('\n', ' ');
    }
}

package app.smartcomply.webhooks.delivery;

import app.smartcomply.webhooks.delivery.internal.ManualDeliverySql;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.store.GroupCommitter;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.time.Clock;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Writes down deliveries made outside the engine ({@link ReportedAttempt}): a delivery that is
 * already over — succeeded on a 2xx, failed otherwise — with its one attempt. Never pending, so
 * no claim ever picks it up and nothing is sent again from the service.
 */
@Service
public class ReportedDeliveries {

    private final ManualDeliverySql sql;
    private final GroupCommitter commits;
    private final PrefixedIds ids;
    private final Clock clock;

    ReportedDeliveries(ManualDeliverySql sql, GroupCommitter commits, PrefixedIds ids, Clock clock) {
        this.sql = sql;
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
        String lastError = status == DeliveryStatus.SUCCEEDED
                ? null
                : a.error() != null
                        ? a.error()
                        : a.responseStatus() == null ? "No response" : "HTTP " + a.responseStatus();
        try {
            commits.execute(() -> {
                sql.insertReported(a, ids.next("wha_"), lastError, now);
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
                lastError,
                a.startedAt(),
                now,
                now,
                a.mode());
    }
}

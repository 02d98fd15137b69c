package app.smartcomply.webhooks.delivery.internal;

import java.util.Collection;
import java.util.List;

/**
 * The service's {@link JdbcDeliveryQueue} with the shortcuts only tests use: claiming just the
 * leased deliveries, with or without a per-endpoint room, and resolving one attempt at a time.
 * Production claims through {@link DeliveryQueue#claim} with this node's room and records outcomes
 * in groups ({@link DeliveryQueue#resolveAll}).
 */
final class QueueUnderTest {

    private final JdbcDeliveryQueue queue;

    QueueUnderTest(JdbcDeliveryQueue queue) {
        this.queue = queue;
    }

    Claim claim(String owner, long now, long leaseExpiresAt, int limit, ClaimRoom room) {
        return queue.claim(owner, now, leaseExpiresAt, limit, room);
    }

    /** The deliveries {@link DeliveryQueue#claim} leased. */
    List<ClaimedDelivery> claimDue(String owner, long now, long leaseExpiresAt, int limit, ClaimRoom room) {
        return claim(owner, now, leaseExpiresAt, limit, room).leased();
    }

    /** {@link #claimDue(String, long, long, int, ClaimRoom)} with no per-endpoint limit but the exclusions. */
    List<ClaimedDelivery> claimDue(
            String owner, long now, long leaseExpiresAt, int limit, Collection<String> excludedEndpoints) {
        return claimDue(owner, now, leaseExpiresAt, limit, ClaimRoom.unlimitedExcept(excludedEndpoints));
    }

    /** One attempt's {@link DeliveryQueue#resolveAll}: whether its delivery was moved on. */
    boolean resolve(ClaimedDelivery delivery, String owner, AttemptResult attempt, NextStep next, long now) {
        return queue.resolveAll(List.of(new AttemptOutcome(delivery, owner, attempt, next)), now)
                .getFirst();
    }

    List<Boolean> resolveAll(List<AttemptOutcome> outcomes, long now) {
        return queue.resolveAll(outcomes, now);
    }

    void release(Collection<String> deliveryIds, String owner) {
        queue.release(deliveryIds, owner);
    }

    void defer(Collection<String> deliveryIds, String owner, long dueAt) {
        queue.defer(deliveryIds, owner, dueAt);
    }

    int releaseAll(String owner) {
        return queue.releaseAll(owner);
    }

    int releaseParked(String endpointId, long now) {
        return queue.releaseParked(endpointId, now);
    }

    void keepParkedForProbe(String deliveryId, long until, long now) {
        queue.keepParkedForProbe(deliveryId, until, now);
    }

    void workAdded(Collection<String> endpointIds) {
        queue.workAdded(endpointIds);
    }
}

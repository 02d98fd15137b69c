package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.account.ApiKeyMode;

/**
 * One event's new deliveries, column by column: element {@code i} of each array belongs to the
 * {@code i}-th delivery. The event's own columns are given once, its mode among them (written at
 * insert only: nothing on the way of an attempt reads it).
 *
 * @param nextAttemptAt when each is due (for a leased one: when its lease runs out)
 * @param leaseOwners the node each is leased to, or null for one left to the claims
 * @param leaseExpiresAt each lease's expiry, or null where there is no lease
 * @param states each one's first state: {@code leased} (owner and expiry given), {@code waiting}
 *     or {@code parked} (neither given)
 */
public record NewDeliveries(
        String accountId,
        ApiKeyMode mode,
        String eventId,
        String eventType,
        long createdAt,
        String[] ids,
        String[] endpointIds,
        long[] nextAttemptAt,
        String[] leaseOwners,
        Long[] leaseExpiresAt,
        DeliveryState[] states) {

    public int size() {
        return ids.length;
    }
}

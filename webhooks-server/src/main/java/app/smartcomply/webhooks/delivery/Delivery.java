package app.smartcomply.webhooks.delivery;

import app.smartcomply.webhooks.account.ApiKeyMode;

/**
 * One event on its way to one endpoint, across all its attempts.
 *
 * @param nextAttemptAt when the next attempt is due, for pending deliveries; null for those held while
 *     their endpoint is disabled
 * @param lastStatus HTTP status of the latest attempt, null if it got no response
 * @param mode its event's (and endpoint's) mode
 */
public record Delivery(
        String id,
        String accountId,
        String eventId,
        String endpointId,
        String eventType,
        DeliveryStatus status,
        int attemptCount,
        Long nextAttemptAt,
        Integer lastStatus,
        String lastError,
        Long lastAttemptAt,
        long createdAt,
        long updatedAt,
        ApiKeyMode mode) {

    /**
     * Whether an attempt of this delivery is due by {@code time}: pending, with a due time no later.
     * A held delivery (its endpoint disabled) has no due time, so never is.
     */
    public boolean attemptDueBy(long time) {
        return status == DeliveryStatus.PENDING && nextAttemptAt != null && nextAttemptAt <= time;
    }
}

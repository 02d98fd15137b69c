package app.smartcomply.webhooks.delivery.internal;

/**
 * A delivery leased to this node, with everything one attempt needs.
 *
 * @param previousAttempts attempts made before this one; this attempt is number {@code
 *     previousAttempts + 1}
 * @param payload the exact bytes to sign and send
 * @param traceparent the W3C traceparent of the publish, stored with the event; null when the
 *     event was published with tracing off (see {@code app.smartcomply.webhooks.tracing.Tracing})
 * @param leaseExpiresAt when this node's lease on the delivery runs out (epoch ms, by the injected
 *     clock): from then on any node's claim may take it, so no attempt may start that late
 * @param line its line on an ordered endpoint ({@link DeliveryLines}), or null for an unordered one
 * @param throttledAttempts how many of the previous attempts were 429s of a rate-limited endpoint,
 *     which do not count toward the retry schedule ({@link ThrottledAttempts})
 */
public record ClaimedDelivery(
        String id,
        String accountId,
        String eventId,
        String eventType,
        String endpointId,
        String url,
        int previousAttempts,
        byte[] payload,
        String traceparent,
        long leaseExpiresAt,
        String line,
        int throttledAttempts) {

    /** A delivery of an unordered endpoint none of whose attempts so far was throttled. */
    public ClaimedDelivery(
            String id,
            String accountId,
            String eventId,
            String eventType,
            String endpointId,
            String url,
            int previousAttempts,
            byte[] payload,
            String traceparent,
            long leaseExpiresAt) {
        this(
                id,
                accountId,
                eventId,
                eventType,
                endpointId,
                url,
                previousAttempts,
                payload,
                traceparent,
                leaseExpiresAt,
                null,
                0);
    }

    public int attemptNumber() {
        return previousAttempts + 1;
    }
}

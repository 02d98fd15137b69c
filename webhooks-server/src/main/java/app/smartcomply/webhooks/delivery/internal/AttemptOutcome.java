package app.smartcomply.webhooks.delivery.internal;

/**
 * One finished attempt waiting to be written down: the delivery as it was claimed, the lease owner
 * that attempted it, what happened, and what becomes of the delivery.
 *
 * <p>The headers are encoded for storage when the outcome is made — on the attempt's own thread,
 * so the store's single writer (SQLite) only binds strings.
 */
record AttemptOutcome(
        ClaimedDelivery delivery,
        String owner,
        AttemptResult result,
        NextStep next,
        String storedRequestHeaders,
        String storedResponseHeaders) {

    AttemptOutcome(ClaimedDelivery delivery, String owner, AttemptResult result, NextStep next) {
        this(
                delivery,
                owner,
                result,
                next,
                HeaderCodec.encode(result.requestHeaders()),
                HeaderCodec.encode(result.responseHeaders()));
    }
}

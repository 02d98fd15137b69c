package app.smartcomply.webhooks.delivery.internal;

/**
 * Signature entries an attempt's {@code webhook-signature} carries after its {@code v1} HMACs —
 * the {@code v1a} (Ed25519) entries of endpoints that opted in. Called once per attempt with the
 * attempt's timestamp; must not block for long.
 */
@FunctionalInterface
interface ExtraSignatures {

    /** None: the header carries the {@code v1} entries alone. */
    ExtraSignatures NONE = (delivery, timestampSeconds) -> "";

    /** Space-separated entries to append, or the empty string for none. */
    String entries(ClaimedDelivery delivery, long timestampSeconds);
}

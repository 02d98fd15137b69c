package app.smartcomply.webhooks.signature;

import java.util.Objects;

/**
 * Thrown by {@link WebhookVerifier} when a delivery must be rejected.
 *
 * <p>Receivers should answer 400 (or 401) whatever the {@link Reason}; the reason is for logs and
 * metrics. The message never contains header values, body or secrets.
 */
public final class SignatureVerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a delivery was rejected. */
    public enum Reason {
        /** A signature header is missing, empty, lacks a numeric timestamp or has no {@code v1}. */
        MALFORMED_HEADER("malformed or missing signature header"),
        /** The timestamp is further in the past than the tolerance: possibly a replay. */
        TIMESTAMP_TOO_OLD("timestamp outside tolerance (too old)"),
        /** The timestamp is further in the future than the tolerance: clock skew or forgery. */
        TIMESTAMP_IN_FUTURE("timestamp outside tolerance (in the future)"),
        /** No {@code v1} signature matches any configured secret: wrong secret or altered body. */
        NO_MATCHING_SIGNATURE("no matching signature");

        private final String description;

        Reason(String description) {
            this.description = description;
        }
    }

    private final Reason reason;

    SignatureVerificationException(Reason reason) {
        super("webhook signature verification failed: " + Objects.requireNonNull(reason).description);
        this.reason = reason;
    }

    /**
     * Returns why the delivery was rejected.
     *
     * @return the reason, never null
     */
    public Reason getReason() {
        return reason;
    }
}

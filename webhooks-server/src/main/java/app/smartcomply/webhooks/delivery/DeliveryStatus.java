package app.smartcomply.webhooks.delivery;

import java.util.Locale;

/**
 * Where a delivery stands. {@code FAILED} is the dead-letter state: every scheduled attempt
 * failed; it stays listed and can be retried or recovered.
 */
public enum DeliveryStatus {
    /** Waiting for its next attempt (possibly right now). */
    PENDING,
    /** An attempt got a 2xx. */
    SUCCEEDED,
    /** Dead letter: out of attempts, or the endpoint answered 410 Gone. */
    FAILED,
    /** The endpoint was deleted before the delivery succeeded. */
    CANCELLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this wire name, or null. */
    public static DeliveryStatus fromWireName(String name) {
        for (DeliveryStatus status : values()) {
            if (status.wireName().equals(name)) {
                return status;
            }
        }
        return null;
    }
}

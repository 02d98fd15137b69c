package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.DeliveryStatus;

/**
 * What becomes of a delivery after an attempt: its new status and, if pending, when to try next.
 *
 * @param disableEndpointReason non-null when the attempt means the endpoint must be switched off
 * @param throttled the attempt was a 429 of a rate-limited endpoint: it does not count toward the
 *     retry schedule ({@link ThrottledAttempts})
 */
record NextStep(DeliveryStatus status, Long nextAttemptAt, String disableEndpointReason, boolean throttled) {

    NextStep(DeliveryStatus status, Long nextAttemptAt, String disableEndpointReason) {
        this(status, nextAttemptAt, disableEndpointReason, false);
    }

    /**
     * The state the outcome moves its delivery to: a retry waits, unless the delivery was held while
     * its attempt was in flight ({@link DeliverySql#record} keeps that hold).
     */
    DeliveryState state() {
        return switch (status) {
            case PENDING -> DeliveryState.WAITING;
            case SUCCEEDED -> DeliveryState.SUCCEEDED;
            case FAILED -> DeliveryState.FAILED;
            case CANCELLED -> DeliveryState.CANCELLED;
        };
    }

    static NextStep succeeded() {
        return new NextStep(DeliveryStatus.SUCCEEDED, null, null);
    }

    static NextStep retryAt(long at) {
        return new NextStep(DeliveryStatus.PENDING, at, null);
    }

    /** Slowed down by the receiver (429): due again at {@code at}, no step of the retry schedule used. */
    static NextStep throttled(long at) {
        return new NextStep(DeliveryStatus.PENDING, at, null, true);
    }

    static NextStep dead() {
        return new NextStep(DeliveryStatus.FAILED, null, null);
    }

    static NextStep deadAndDisable(String reason) {
        return new NextStep(DeliveryStatus.FAILED, null, reason);
    }
}

package app.smartcomply.webhooks.error;

import java.time.Duration;

/**
 * Too many requests of one kind too quickly. Becomes a 429 problem with code {@code rate_limited}
 * and a {@code Retry-After} header of {@link #retryAfter()} in whole seconds.
 */
public class RateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    /** @param message what was limited and how to go on, for a human; never a secret */
    public RateLimitedException(Duration retryAfter, String message) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.error.RateLimitedException;
import app.smartcomply.webhooks.limits.RateLimiter;
import app.smartcomply.webhooks.limits.RateLimits;
import org.springframework.stereotype.Component;

/**
 * An account's key that triggers a batch of events spends one request of its rate limit ({@code
 * webhooks.limits.api-key}) per event, not one per batch: otherwise a test key could create a
 * thousand times more events than its limit lets it trigger one by one. The admin key's batches
 * are not counted per event (its own limit, unlimited by default, counts requests).
 */
@Component
class TriggeredEventsLimit {

    private final RateLimits limits;

    TriggeredEventsLimit(RateLimits limits) {
        this.limits = limits;
    }

    /**
     * Spends the events of a batch beyond the one request {@link ApiKeyRateLimitFilter} counted.
     *
     * @throws InvalidInputException {@code too_many_events} (param {@code events}) for more events
     *     than the key's burst, which no wait would ever allow
     * @throws RateLimitedException if the key has not that many requests left now
     */
    void spend(Caller caller, int events) {
        if (!(caller instanceof Caller.Customer customer)) {
            return;
        }
        RateLimiter limiter = limits.apiKeys();
        if (limiter.rate().unlimited()) {
            return;
        }
        long burst = limiter.rate().burst();
        if (events > burst) {
            throw new InvalidInputException(
                    "too_many_events",
                    EventBatchController.EVENTS,
                    "An account's key may trigger " + "at most " + burst
                            + " events in one batch (each counts as a request of its rate limit).");
        }
        RateLimiter.Verdict verdict = limiter.tryAcquire(customer.keyId(), events - 1L);
        if (!verdict.allowed()) {
            throw new RateLimitedException(
                    verdict.retryAfter(),
                    "Too many events triggered with this API key: each event "
                            + "of a batch counts as a request (at most "
                            + limiter.rate().describe() + ", in bursts of " + burst + ").");
        }
    }
}

package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.RetryPolicy;
import java.util.random.RandomGenerator;

/**
 * Decides what an attempt's result means for its delivery: any 2xx is success; {@code 410 Gone}
 * kills the delivery and switches the endpoint off; so does a refusal by the destination policy
 * (the SSRF guard) at send time; anything else is retried on the {@link RetryPolicy} until it runs
 * out, then the delivery is dead. A {@code Retry-After} counts only on a 429 or 503, and only to
 * wait longer than the schedule.
 *
 * <p>Why a refusal ends the delivery and disables the endpoint instead of being retried: the guard
 * refuses the same URL, or a name that resolves to a private address, again and again — retrying
 * would quietly spend three days of attempts on a request that is never sent. Switching the
 * endpoint off is what already happens on 410: the endpoint shows {@code status: disabled} with
 * the guard's reason ({@code disabled_reason}, in the API and on the dashboard), the account gets
 * {@code webhook.endpoint.disabled}, its other deliveries wait rather than fail, and once the URL
 * or its DNS is fixed, enabling the endpoint resumes them; the dead delivery can be redelivered.
 */
final class AttemptPlanner {

    static final String GONE_REASON = "The endpoint answered 410 Gone.";
    static final String REFUSED_REASON_PREFIX = "Deliveries refused by the destination policy: ";
    /** Throttled answers (429 of a rate-limited endpoint) a delivery gets before a 429 counts as a failure. */
    static final int MAX_THROTTLED = 50;

    private final RetryPolicy policy;
    private final RandomGenerator random;

    AttemptPlanner(RetryPolicy policy, RandomGenerator random) {
        this.policy = policy;
        this.random = random;
    }

    /**
     * {@link #plan(AttemptResult, int, long)} for a delivery that may have been throttled: a 429 of a
     * rate-limited endpoint ({@code throttledUntil} > 0) makes it due again then, using no step of
     * the schedule — unless it has been throttled {@value #MAX_THROTTLED} times already; then the 429
     * counts like any other failure, so an endpoint that answers 429 forever still ends its deliveries.
     * The schedule counts only the attempts that were not throttled.
     */
    NextStep plan(AttemptResult result, ClaimedDelivery delivery, long throttledUntil, long now) {
        if (throttledUntil > 0 && delivery.throttledAttempts() < MAX_THROTTLED) {
            return NextStep.throttled(throttledUntil);
        }
        return plan(result, delivery.attemptNumber() - delivery.throttledAttempts(), now);
    }

    NextStep plan(AttemptResult result, int attemptNumber, long now) {
        if (result.succeeded()) {
            return NextStep.succeeded();
        }
        if (result.gone()) {
            return NextStep.deadAndDisable(GONE_REASON);
        }
        if (result.refusedByPolicy()) {
            return NextStep.deadAndDisable(REFUSED_REASON_PREFIX + result.error());
        }
        return policy.delayAfter(attemptNumber, result.honouredRetryAfter(), random)
                .map(delay -> NextStep.retryAt(now + delay.toMillis()))
                .orElseGet(NextStep::dead);
    }
}

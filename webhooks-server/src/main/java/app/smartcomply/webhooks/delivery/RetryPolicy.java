package app.smartcomply.webhooks.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try again after a failed attempt.
 *
 * <p>Attempt 1 goes out at once; after attempt {@code n} fails, attempt {@code n+1} waits {@code
 * delays[n-1]} scaled by a random factor in {@code [1 - jitter, 1 + jitter]} — jitter spreads the
 * retries of a burst so a recovering receiver is not hit by all of them in the same second.
 *
 * <p>A receiver's {@code Retry-After} (passed in only for the answers where it means "later",
 * see the caller) can only make a wait <em>longer</em>: the wait is the larger of the scheduled
 * one and {@code min(retryAfter, maxRetryAfter)}. It never shortens a wait, never adds an attempt,
 * and so cannot burn the roughly three days of retrying in seconds — a receiver answering 503
 * with {@code Retry-After: 1} gets the schedule. After the last delay is used up the delivery is dead.
 *
 * @param delays waits between attempts; {@code delays.size() + 1} attempts in all
 * @param jitter fraction in {@code [0, 1)}, 0.2 means ±20 %
 * @param maxRetryAfter the longest wait a {@code Retry-After} can ask for; more is cut to this
 */
public record RetryPolicy(List<Duration> delays, double jitter, Duration maxRetryAfter) {

    /** The documented schedule: now, +5 s, 1 m, 10 m, 1 h, 3 h, 6 h, 12 h, 24 h, 24 h — ten attempts, about 3 days. */
    public static final List<Duration> DEFAULT_DELAYS = List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(1),
            Duration.ofMinutes(10),
            Duration.ofHours(1),
            Duration.ofHours(3),
            Duration.ofHours(6),
            Duration.ofHours(12),
            Duration.ofHours(24),
            Duration.ofHours(24));

    public RetryPolicy {
        delays = List.copyOf(delays);
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
        if (maxRetryAfter == null || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("maxRetryAfter must be zero or more");
        }
        if (delays.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("retry delays cannot be negative");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(DEFAULT_DELAYS, 0.2, Duration.ofHours(24));
    }

    public int maxAttempts() {
        return delays.size() + 1;
    }

    /**
     * The wait before the next attempt, after attempt number {@code failedAttempt} (1-based) failed.
     *
     * @return empty when that was the last attempt: the delivery is dead
     */
    public Optional<Duration> delayAfter(int failedAttempt, Optional<Duration> retryAfter, RandomGenerator random) {
        if (failedAttempt >= maxAttempts()) {
            return Optional.empty();
        }
        Duration base = delays.get(Math.max(0, failedAttempt - 1));
        double factor = 1 - jitter + random.nextDouble() * 2 * jitter;
        Duration scheduled = Duration.ofMillis(Math.round(base.toMillis() * factor));
        if (retryAfter.isEmpty()) {
            return Optional.of(scheduled);
        }
        Duration asked = retryAfter.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter.get();
        return Optional.of(asked.compareTo(scheduled) > 0 ? asked : scheduled);
    }
}

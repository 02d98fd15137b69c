package app.smartcomply.webhooks.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One rate limit, kept per client key (an API key id, an address, an endpoint): a token bucket for
 * each key, in this node's memory, on the injected {@link Clock}.
 *
 * <p>The buckets live in a cache bounded by {@code maxBuckets}, so a caller rotating through
 * addresses or keys cannot grow memory without bound; Caffeine's admission policy keeps the keys
 * used often (the one hammering) over a stream of new ones. A bucket unused until it would be full
 * again is dropped: a fresh one is the same. A forgotten key only ever starts afresh.
 */
public final class RateLimiter {

    /** What a request may do: go ahead, or come back after {@code retryAfter} (whole seconds, at least 1). */
    public record Verdict(boolean allowed, Duration retryAfter) {
        static final Verdict ALLOWED = new Verdict(true, Duration.ZERO);

        static Verdict refused(long nanosToWait) {
            // Retry-After is in whole seconds: round up, so a client waiting that long is let in.
            long seconds = Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L);
            return new Verdict(false, Duration.ofSeconds(seconds));
        }
    }

    private final Rate rate;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(Rate rate, int maxBuckets, Clock clock) {
        this.rate = rate;
        this.time = new ClockTime(clock);
        this.buckets = rate.unlimited()
                ? null
                : Caffeine.newBuilder()
                        .maximumSize(maxBuckets)
                        .expireAfterAccess(rate.timeToFull())
                        .ticker(time::currentTimeNanos)
                        // Evict on the calling thread: no background work, and tests see the bound at once.
                        .executor(Runnable::run)
                        .build();
    }

    /** Takes one token from the key's bucket if it has one. */
    public Verdict tryAcquire(String key) {
        if (buckets == null) {
            return Verdict.ALLOWED;
        }
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Verdict.ALLOWED : Verdict.refused(probe.getNanosToWaitForRefill());
    }

    /**
     * Takes {@code tokens} from the key's bucket at once if it has them, or none: one request that
     * stands for several (a batch of triggered events).
     *
     * @param tokens at most the rate's burst: more could never be allowed
     */
    public Verdict tryAcquire(String key, long tokens) {
        if (buckets == null || tokens <= 0) {
            return Verdict.ALLOWED;
        }
        if (tokens > rate.burst()) {
            throw new IllegalArgumentException("more tokens than the burst can never be taken");
        }
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(tokens);
        return probe.isConsumed() ? Verdict.ALLOWED : Verdict.refused(probe.getNanosToWaitForRefill());
    }

    /**
     * Whether the key would be refused now, without using a token: for limits that count only
     * failures, checked before the attempt is even looked at.
     */
    public Optional<Duration> refusing(String key) {
        if (buckets == null) {
            return Optional.empty();
        }
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return Optional.empty();
        }
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed()
                ? Optional.empty()
                : Optional.of(Verdict.refused(probe.getNanosToWaitForRefill()).retryAfter());
    }

    /** Uses up one token of the key's bucket, if any is left: a failure counted against the key. */
    public void spend(String key) {
        if (buckets != null) {
            bucket(key).tryConsume(1);
        }
    }

    /** How many keys this limit tracks now (at most the configured bound). */
    public long trackedKeys() {
        if (buckets == null) {
            return 0;
        }
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    /** The rate this limiter applies. */
    public Rate rate() {
        return rate;
    }

    private Bucket bucket(String key) {
        return buckets.get(
                key,
                ignored -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(rate.burst()).refillGreedy(rate.requests(), rate.per()))
                        .withCustomTimePrecision(time)
                        .build());
    }

    /** Bucket4j's and Caffeine's time, from the injected clock, so tests step it instead of sleeping. */
    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}

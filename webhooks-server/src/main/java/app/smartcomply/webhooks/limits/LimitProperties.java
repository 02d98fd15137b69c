package app.smartcomply.webhooks.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits against abuse ({@code webhooks.limits.*}). Every rate is kept in this node's memory: with
 * several nodes behind a load balancer (PostgreSQL) each node counts on its own, so a client that
 * spreads its requests over N nodes gets up to N times the rate. The endpoint cap is counted in
 * the database and holds for the whole service.
 *
 * @param apiKey requests one account API key may make (default 100 a second, bursts of 200)
 * @param adminKey requests the admin key may make (default unlimited: it is SmartComply's own
 *     services publishing events, which must not be throttled by a limit meant for customers)
 * @param failedAuthentications API requests refused with 401 from one client address before that
 *     address is answered 429 without its key being looked at (default 100 a minute)
 * @param signIn failed dashboard sign-ins from one client address, and separately for one key
 *     prefix (the first 12 characters typed), before sign-in is
 *     refused with 429 (default 10 per 5 minutes)
 * @param testEvents test events one endpoint may be sent (default 60 an hour)
 * @param endpointsPerAccount endpoints one account may have (default 1,000); more are refused with
 *     409 {@code limit_exceeded}
 * @param maxBuckets clients (keys, addresses, endpoints) each rate limit tracks at once on this
 *     node (default 10,000); past that the least useful are forgotten, which can only let a
 *     forgotten client start afresh, never grow memory
 */
@ConfigurationProperties("webhooks.limits")
public record LimitProperties(
        Rate apiKey,
        Rate adminKey,
        Rate failedAuthentications,
        Rate signIn,
        Rate testEvents,
        Integer endpointsPerAccount,
        Integer maxBuckets) {

    public LimitProperties {
        apiKey = Rate.orDefault(apiKey, Rate.of(100, "1s", 200));
        adminKey = Rate.orDefault(adminKey, Rate.UNLIMITED);
        failedAuthentications = Rate.orDefault(failedAuthentications, Rate.of(100, "1m", 100));
        signIn = Rate.orDefault(signIn, Rate.of(10, "5m", 10));
        testEvents = Rate.orDefault(testEvents, Rate.of(60, "1h", 60));
        endpointsPerAccount = endpointsPerAccount != null ? endpointsPerAccount : 1_000;
        maxBuckets = maxBuckets != null ? maxBuckets : 10_000;
        if (endpointsPerAccount < 1) {
            throw new IllegalStateException("webhooks.limits.endpoints-per-account must be at least 1");
        }
        if (maxBuckets < 1) {
            throw new IllegalStateException("webhooks.limits.max-buckets must be at least 1");
        }
    }
}

package app.smartcomply.webhooks.limits;

import java.time.Clock;
import org.springframework.stereotype.Component;

/** The service's rate limits and caps, built once from {@link LimitProperties}. */
@Component
public class RateLimits {

    private final LimitProperties properties;
    private final RateLimiter apiKeys;
    private final RateLimiter adminKey;
    private final RateLimiter failedAuthentications;
    private final RateLimiter signInPerClient;
    private final RateLimiter signInPerKeyPrefix;
    private final RateLimiter testEvents;

    RateLimits(LimitProperties properties, Clock clock) {
        this.properties = properties;
        int max = properties.maxBuckets();
        this.apiKeys = new RateLimiter(properties.apiKey(), max, clock);
        this.adminKey = new RateLimiter(properties.adminKey(), 1, clock);
        this.failedAuthentications = new RateLimiter(properties.failedAuthentications(), max, clock);
        this.signInPerClient = new RateLimiter(properties.signIn(), max, clock);
        this.signInPerKeyPrefix = new RateLimiter(properties.signIn(), max, clock);
        this.testEvents = new RateLimiter(properties.testEvents(), max, clock);
    }

    /** Requests per account API key, by key id. */
    public RateLimiter apiKeys() {
        return apiKeys;
    }

    /** Requests with the admin key (one bucket). */
    public RateLimiter adminKey() {
        return adminKey;
    }

    /** API requests refused with 401, per client address. */
    public RateLimiter failedAuthentications() {
        return failedAuthentications;
    }

    /** Failed dashboard sign-ins, per client address. */
    public RateLimiter signInPerClient() {
        return signInPerClient;
    }

    /** Failed dashboard sign-ins, per key prefix typed. */
    public RateLimiter signInPerKeyPrefix() {
        return signInPerKeyPrefix;
    }

    /** Test events, per endpoint. */
    public RateLimiter testEvents() {
        return testEvents;
    }

    /** The most endpoints one account may have. */
    public int endpointsPerAccount() {
        return properties.endpointsPerAccount();
    }
}

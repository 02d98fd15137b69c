package app.smartcomply.webhooks.check;

import app.smartcomply.webhooks.limits.Rate;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of endpoint conformance checks ({@code webhooks.check.*}).
 *
 * @param requestTimeout how long each request of a check waits for a complete answer; the valid
 *     request must be answered within it to pass
 * @param slowAfter a valid request answered later than this passes with a warning
 * @param maxDuration how long a whole check may take; cases not sent by then fail as not run
 * @param keepPerEndpoint the most checks kept per endpoint; older ones are deleted when a new one
 *     starts
 * @param retention checks older than this are deleted when a new check of the endpoint starts
 * @param maxRunning checks running at once on this node; more are refused with 429
 * @param perEndpoint checks one endpoint may be sent, per node (default 20 an hour, 5 at once);
 *     more are refused with 429 {@code rate_limited}: a check is eight requests to a URL of the
 *     customer's choosing, which must not become a way to flood someone else's server
 */
@ConfigurationProperties("webhooks.check")
public record CheckProperties(
        Duration requestTimeout,
        Duration slowAfter,
        Duration maxDuration,
        Integer keepPerEndpoint,
        Duration retention,
        Integer maxRunning,
        Rate perEndpoint) {

    public CheckProperties {
        requestTimeout = requestTimeout != null ? requestTimeout : Duration.ofSeconds(10);
        slowAfter = slowAfter != null ? slowAfter : Duration.ofSeconds(2);
        maxDuration = maxDuration != null ? maxDuration : Duration.ofSeconds(90);
        keepPerEndpoint = keepPerEndpoint != null ? keepPerEndpoint : 20;
        retention = retention != null ? retention : Duration.ofDays(30);
        maxRunning = maxRunning != null ? maxRunning : 64;
        perEndpoint = perEndpoint != null ? perEndpoint : new Rate(20L, Duration.ofHours(1), 5L);
        if (requestTimeout.isNegative()
                || requestTimeout.isZero()
                || maxDuration.compareTo(requestTimeout) < 0
                || keepPerEndpoint < 1
                || maxRunning < 1) {
            throw new IllegalArgumentException(
                    "webhooks.check: request-timeout must be positive and at most max-duration;"
                            + " keep-per-endpoint and max-running at least 1");
        }
    }

    /** A check still marked running this long after it started was interrupted (its node stopped). */
    Duration abandonedAfter() {
        return maxDuration.plusMinutes(1);
    }
}

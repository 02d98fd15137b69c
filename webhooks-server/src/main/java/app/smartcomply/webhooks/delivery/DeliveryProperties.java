package app.smartcomply.webhooks.delivery;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Tuning of the delivery engine ({@code webhooks.delivery.*}). The defaults are a contract
 * customers rely on (the README documents them); change them only knowingly.
 *
 * @param enabled whether this node sends at all (a node can serve only the API)
 * @param timeout total time one attempt may take, connect to last body byte
 * @param leaseDuration how long a claimed delivery stays reserved for this node; longer than
 *     {@code timeout}, so a lease only runs out when its node died
 * @param maxInFlight attempts in flight on this node at once
 * @param maxInFlightPerEndpoint attempts in flight to one endpoint on this node at once — what keeps
 *     a slow endpoint from taking the whole node
 * @param claimBatchSize most deliveries leased in one claim
 * @param pollInterval how often an idle node looks for due work it was not woken for (retries
 *     coming due, other nodes' publishes when notifications are off)
 * @param autoDisableAfter an endpoint failing without a single success for this long is disabled
 * @param maxResponseBody how much of a response body is read and kept
 * @param maxResponseHeaderLine the longest status or header line of a response that is read; a
 *     longer one fails the attempt unread
 * @param maxResponseHeaders the most header lines of a response that are read; more fail the
 *     attempt unread
 * @param maxResponseHeaderBytes the most bytes of a response's head (status line and headers) that
 *     are read, and so the most header text stored for one attempt; more fail the attempt unread
 * @param retrySchedule waits between attempts
 * @param jitter how far each scheduled wait is spread, as a fraction (0.2 is ±20 %)
 * @param maxRetryAfter the longest wait a receiver's {@code Retry-After} (on a 429 or 503) can ask
 *     for; it can only lengthen the scheduled wait, never shorten it or add attempts
 * @param pauseAfterFailures failed attempts in a row after which a node pauses an endpoint: its
 *     deliveries wait, without using up attempts, until one probe gets through; 0 never pauses
 * @param firstPause how long the first pause lasts; each further one lasts twice as long
 * @param maxPause the longest pause
 */
@ConfigurationProperties("webhooks.delivery")
public record DeliveryProperties(
        Boolean enabled,
        Duration timeout,
        Duration leaseDuration,
        Integer maxInFlight,
        Integer maxInFlightPerEndpoint,
        Integer claimBatchSize,
        Duration pollInterval,
        Duration autoDisableAfter,
        DataSize maxResponseBody,
        DataSize maxResponseHeaderLine,
        Integer maxResponseHeaders,
        DataSize maxResponseHeaderBytes,
        List<Duration> retrySchedule,
        Double jitter,
        Duration maxRetryAfter,
        Integer pauseAfterFailures,
        Duration firstPause,
        Duration maxPause) {

    public DeliveryProperties {
        enabled = enabled == null || enabled;
        timeout = timeout != null ? timeout : Duration.ofSeconds(10);
        leaseDuration = leaseDuration != null ? leaseDuration : timeout.plusSeconds(50);
        maxInFlight = maxInFlight != null ? maxInFlight : 2048;
        maxInFlightPerEndpoint = maxInFlightPerEndpoint != null ? maxInFlightPerEndpoint : 32;
        claimBatchSize = claimBatchSize != null ? claimBatchSize : 200;
        pollInterval = pollInterval != null ? pollInterval : Duration.ofMillis(500);
        autoDisableAfter = autoDisableAfter != null ? autoDisableAfter : Duration.ofDays(5);
        maxResponseBody = maxResponseBody != null ? maxResponseBody : DataSize.ofKilobytes(64);
        maxResponseHeaderLine = maxResponseHeaderLine != null ? maxResponseHeaderLine : DataSize.ofKilobytes(8);
        maxResponseHeaders = maxResponseHeaders != null ? maxResponseHeaders : 100;
        maxResponseHeaderBytes = maxResponseHeaderBytes != null ? maxResponseHeaderBytes : DataSize.ofKilobytes(64);
        retrySchedule = retrySchedule != null ? retrySchedule : RetryPolicy.DEFAULT_DELAYS;
        jitter = jitter != null ? jitter : 0.2;
        maxRetryAfter = maxRetryAfter != null ? maxRetryAfter : Duration.ofHours(24);
        pauseAfterFailures = pauseAfterFailures != null ? pauseAfterFailures : 10;
        firstPause = firstPause != null ? firstPause : Duration.ofSeconds(5);
        maxPause = maxPause != null ? maxPause : Duration.ofMinutes(5);
        if (pauseAfterFailures < 0) {
            throw new IllegalArgumentException("webhooks.delivery.pause-after-failures must be 0 (never) or more");
        }
        // Zero would mean "no limit" to HttpClient; a receiver must never be able to make us read without one.
        if (maxResponseHeaderLine.toBytes() < 1
                || maxResponseHeaderLine.toBytes() > Integer.MAX_VALUE
                || maxResponseHeaders < 1
                || maxResponseHeaderBytes.toBytes() < maxResponseHeaderLine.toBytes()
                || maxResponseHeaderBytes.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "webhooks.delivery.max-response-header-line and max-response-headers must be"
                            + " at least 1, and max-response-header-bytes at least max-response-header-line (and under 2 GiB)");
        }
        if (leaseDuration.compareTo(timeout) <= 0) {
            throw new IllegalArgumentException("webhooks.delivery.lease-duration must be longer than the timeout");
        }
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(retrySchedule, jitter, maxRetryAfter);
    }
}

package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.Attempt.Header;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one HTTP try produced. Either a response ({@code status} set) or an {@code error}.
 *
 * @param retryAfter the receiver's {@code Retry-After}, if it sent a usable one
 * @param refusedByPolicy whether the destination policy (the SSRF guard) refused the URL or the
 *     address it resolved to, so nothing was sent; {@code error} says why
 */
record AttemptResult(
        long startedAt,
        long durationMs,
        List<Header> requestHeaders,
        Integer status,
        List<Header> responseHeaders,
        byte[] responseBody,
        boolean responseBodyTruncated,
        String error,
        Optional<Duration> retryAfter,
        boolean refusedByPolicy) {

    /** A result the destination policy had no say in. */
    AttemptResult(
            long startedAt,
            long durationMs,
            List<Header> requestHeaders,
            Integer status,
            List<Header> responseHeaders,
            byte[] responseBody,
            boolean responseBodyTruncated,
            String error,
            Optional<Duration> retryAfter) {
        this(
                startedAt,
                durationMs,
                requestHeaders,
                status,
                responseHeaders,
                responseBody,
                responseBodyTruncated,
                error,
                retryAfter,
                false);
    }

    boolean succeeded() {
        return status != null && status >= 200 && status < 300;
    }

    /** The duration as its int column stores it: saturated, not wrapped. */
    int storedDurationMs() {
        return (int) Math.min(Integer.MAX_VALUE, durationMs);
    }

    boolean gone() {
        return status != null && status == 410;
    }

    /**
     * The receiver's {@code Retry-After}, only when the answer was 429 Too Many Requests or 503
     * Service Unavailable — the answers where RFC 9110 gives it the meaning "try again later". On
     * anything else (a 500, a 3xx) it is ignored.
     */
    Optional<Duration> honouredRetryAfter() {
        return status != null && (status == 429 || status == 503) ? retryAfter : Optional.empty();
    }

    static AttemptResult failed(long startedAt, long durationMs, List<Header> requestHeaders, String error) {
        return new AttemptResult(
                startedAt, durationMs, requestHeaders, null, List.of(), null, false, error, Optional.empty());
    }

    /** Nothing was sent: the destination policy refused the URL or its address, for {@code reason}. */
    static AttemptResult refused(long startedAt, long durationMs, List<Header> requestHeaders, String reason) {
        return new AttemptResult(
                startedAt, durationMs, requestHeaders, null, List.of(), null, false, reason, Optional.empty(), true);
    }
}

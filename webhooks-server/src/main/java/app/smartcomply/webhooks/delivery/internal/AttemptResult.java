package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.Attempt.Header;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one HTTP try produced. Either a response ({@code status} set) or an {@code error}.
 *
 * @param retryAfter the receiver's {@code Retry-After}, if it sent a usable one
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
    Optional<Duration> retryAfter) {

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

  static AttemptResult failed(long startedAt, long durationMs, List<Header> requestHeaders, String error) {
    return new AttemptResult(startedAt, durationMs, requestHeaders, null, List.of(), null, false, error, Optional.empty());
  }
}

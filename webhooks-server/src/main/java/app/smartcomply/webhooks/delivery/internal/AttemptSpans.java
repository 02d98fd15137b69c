package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.tracing.TraceSpan;
import java.net.URI;

/**
 * Ends an attempt's trace span with what the attempt came to: ids, the receiver's host and status,
 * and an error status unless it succeeded. The URL's path and query are left out — a receiver's URL
 * may carry a token.
 */
final class AttemptSpans {

    private AttemptSpans() {}

    /** {@code result} is null when the attempt ended by a throwable (its span ends failed). */
    static void end(TraceSpan span, ClaimedDelivery delivery, AttemptResult result) {
        if (span == TraceSpan.NONE) {
            return;
        }
        span.attribute("webhooks.event.id", delivery.eventId());
        span.attribute("webhooks.delivery.id", delivery.id());
        span.attribute("webhooks.endpoint.id", delivery.endpointId());
        span.attribute("webhooks.delivery.attempt", delivery.attemptNumber());
        try {
            URI uri = URI.create(delivery.url());
            span.attribute("server.address", uri.getHost());
            if (uri.getPort() > 0) {
                span.attribute("server.port", uri.getPort());
            }
        } catch (IllegalArgumentException unparseable) {
            // the attempt itself reports a bad URL; the span just goes without the address
        }
        if (result == null) {
            span.failed("attempt ended by an internal error");
        } else if (result.status() != null) {
            span.attribute("http.response.status_code", result.status());
            if (!result.succeeded()) {
                span.failed("HTTP " + result.status());
            }
        } else {
            span.failed(result.error());
        }
        span.end();
    }
}

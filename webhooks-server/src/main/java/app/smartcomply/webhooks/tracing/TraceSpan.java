package app.smartcomply.webhooks.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;

/**
 * One span the service started: a publish or a delivery attempt. {@link #traceparent()} is the
 * W3C {@code traceparent} that continues its trace elsewhere — stored with the event, or sent to
 * the receiver. With tracing off every span is {@link #NONE}: no traceparent, and every method does
 * nothing.
 *
 * <p>End it exactly once, from the thread that finished the work; not thread-safe otherwise.
 */
public sealed interface TraceSpan permits TraceSpan.None, TraceSpan.Live {

    TraceSpan NONE = new None();

    /** The W3C traceparent of this span, or null when tracing is off. */
    String traceparent();

    /** Adds a string attribute (an id, a type): never a secret, a URL with a query, or a payload. */
    void attribute(String key, String value);

    /** Adds a numeric attribute, e.g. {@code http.response.status_code}. */
    void attribute(String key, long value);

    /** Marks the span failed, with a short description (no stack trace, no secret). */
    void failed(String description);

    void end();

    /** Tracing is off. */
    record None() implements TraceSpan {
        @Override
        public String traceparent() {
            return null;
        }

        @Override
        public void attribute(String key, String value) {}

        @Override
        public void attribute(String key, long value) {}

        @Override
        public void failed(String description) {}

        @Override
        public void end() {}
    }

    /** A span of the OpenTelemetry SDK. */
    record Live(Span span, String traceparent) implements TraceSpan {
        @Override
        public void attribute(String key, String value) {
            if (value != null) {
                span.setAttribute(AttributeKey.stringKey(key), value);
            }
        }

        @Override
        public void attribute(String key, long value) {
            span.setAttribute(AttributeKey.longKey(key), value);
        }

        @Override
        public void failed(String description) {
            span.setStatus(StatusCode.ERROR, description == null ? "" : description);
        }

        @Override
        public void end() {
            span.end();
        }
    }
}

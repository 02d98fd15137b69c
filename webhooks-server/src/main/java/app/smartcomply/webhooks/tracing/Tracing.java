package app.smartcomply.webhooks.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/**
 * Traces a publish and the delivery attempts it leads to, as one trace: the publish span's W3C
 * {@code traceparent} is stored with the event, and each attempt — on whatever thread or node
 * makes it, however much later — starts a child span of it and sends its own traceparent to the
 * receiver.
 *
 * <p>Off unless an exporter is configured (see {@link TracingConfiguration}): then {@link #off()}
 * hands out {@link TraceSpan#NONE} and costs nothing.
 */
public final class Tracing implements AutoCloseable {

    /** The W3C Trace Context header a delivery carries when tracing is on. */
    public static final String TRACEPARENT = "traceparent";

    private static final Tracing OFF = new Tracing(null, () -> {});

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;
    private final Runnable shutdown;

    private Tracing(Tracer tracer, Runnable shutdown) {
        this.tracer = tracer;
        this.shutdown = shutdown;
    }

    /** Tracing that records nothing. */
    public static Tracing off() {
        return OFF;
    }

    /** Tracing into {@code openTelemetry}; {@code shutdown} flushes and stops its exporter. */
    static Tracing on(OpenTelemetry openTelemetry, Runnable shutdown) {
        return new Tracing(openTelemetry.getTracer("app.smartcomply.webhooks"), shutdown);
    }

    public boolean enabled() {
        return tracer != null;
    }

    /**
     * Makes a caller's W3C trace context current until the scope closes, so that a publish made
     * meanwhile joins the caller's trace. A no-op with tracing off, or without a valid traceparent.
     */
    public Scope joining(String callerTraceparent) {
        if (tracer == null || callerTraceparent == null) {
            return Scope.noop();
        }
        return extract(callerTraceparent).makeCurrent();
    }

    /**
     * Starts the span of one publish, a child of the caller's current trace context if it has one
     * (a publisher that sent its own traceparent).
     */
    public TraceSpan publish(String eventType) {
        if (tracer == null) {
            return TraceSpan.NONE;
        }
        Span span = tracer.spanBuilder("publish " + eventType)
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(Context.current())
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("webhooks.event.type", eventType)
                .startSpan();
        return live(span);
    }

    /**
     * Starts the span of one delivery attempt, a child of the publish whose traceparent was stored
     * with the event (a new trace when there is none: events published while tracing was off, and
     * the service's own events).
     */
    public TraceSpan attempt(String publishTraceparent, String eventType) {
        if (tracer == null) {
            return TraceSpan.NONE;
        }
        Context parent = publishTraceparent == null ? Context.root() : extract(publishTraceparent);
        Span span = tracer.spanBuilder("deliver " + eventType)
                .setSpanKind(SpanKind.CLIENT)
                .setParent(parent)
                .setAttribute("http.request.method", "POST")
                .setAttribute("webhooks.event.type", eventType)
                .startSpan();
        return live(span);
    }

    /** The context a traceparent names (the root context when it is malformed: a new trace). */
    private static Context extract(String traceparent) {
        return W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP_GETTER);
    }

    private static TraceSpan live(Span span) {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), carrier, Map::put);
        return new TraceSpan.Live(span, carrier.get(TRACEPARENT));
    }

    /** Flushes the spans not exported yet and stops the exporter (at shutdown). */
    @Override
    public void close() {
        shutdown.run();
    }
}

package app.smartcomply.webhooks.tracing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OTLP/HTTP trace receiver on 127.0.0.1: accepts {@code POST /v1/traces} in the protobuf
 * encoding (what the SDK's OTLP exporter sends by default), decodes it with the OTLP proto classes
 * and keeps every span with its resource's service name.
 */
final class OtlpCollector {

    record ReceivedSpan(String serviceName, Span span) {}

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    private OtlpCollector(HttpServer server) {
        this.server = server;
    }

    static OtlpCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            OtlpCollector collector = new OtlpCollector(server);
            server.createContext("/v1/traces", exchange -> {
                try (exchange) {
                    InputStream body = exchange.getRequestBody();
                    if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                        body = new GZIPInputStream(body);
                    }
                    collector.accept(ExportTraceServiceRequest.parseFrom(body.readAllBytes()));
                    byte[] answer =
                            ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                    exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                    exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                    exchange.getResponseBody().write(answer);
                }
            });
            server.start();
            // Stopped with the JVM: the service's exporter flushes its last spans when the test's
            // context closes, after the test class is done.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void accept(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = resource.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name"))
                    .map(a -> a.getValue().getStringValue())
                    .findFirst()
                    .orElse(null);
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                scope.getSpansList().forEach(span -> spans.add(new ReceivedSpan(service, span)));
            }
        }
    }

    /** Waits (bounded) until {@code count} received spans match, and returns them. */
    List<ReceivedSpan> await(Predicate<ReceivedSpan> matching, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReceivedSpan> found =
                    new ArrayList<>(spans.stream().filter(matching).toList());
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " matching spans within " + timeout + ", got " + found
                        + " of " + spans.size() + " spans");
            }
            try {
                Thread.sleep(20); // bounded poll: the exporter sends on its own schedule
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

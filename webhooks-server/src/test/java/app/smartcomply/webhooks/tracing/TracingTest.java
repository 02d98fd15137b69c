package app.smartcomply.webhooks.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import app.smartcomply.webhooks.tracing.OtlpCollector.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With an OTLP endpoint configured (the standard {@code otel.exporter.otlp.endpoint} /
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}), a publish and every attempt it leads to form one trace,
 * exported over OTLP/HTTP: a publish span, and one attempt span per try as its child — the first
 * handed straight to this node's engine, the retry claimed from the database, so the context
 * survives the store — and each receiver request carries the attempt's W3C {@code traceparent}.
 * On SQLite here; on PostgreSQL in {@link PostgresTracingTest}.
 */
class TracingTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final OtlpCollector collector = OtlpCollector.start();

    @DynamicPropertySource
    static void exportToTheCollector(DynamicPropertyRegistry registry) {
        registry.add("otel.exporter.otlp.endpoint", collector::endpoint);
        registry.add("otel.bsp.schedule.delay", () -> "50");
    }

    @Test
    void aPublishAndItsAttemptsAreOneTraceAndTheReceiverGetsItsTraceparent() {
        AtomicInteger requests = new AtomicInteger();
        try (TestReceiver receiver =
                TestReceiver.start().answering(r -> requests.incrementAndGet() == 1 ? Reply.status(500) : Reply.ok())) {
            ApiClient api = api();
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Traced Co");
            String key = account.text("api_key");
            String endpointId =
                    api.createEndpoint(key, receiver.url(), "test.submitted").text("id");
            String eventId = api.publish(
                            ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(1))
                    .text("id");
            receiver.awaitCount(1, WAIT);
            DeliveryLogApi log = new DeliveryLogApi(api, key);
            String deliveryId = log.idOf(eventId, endpointId);
            log.awaitAttempts(deliveryId, 1, WAIT);
            advance(Duration.ofSeconds(7)); // past the first retry's 5 s (+20 %)
            List<TestReceiver.Received> received = receiver.awaitCount(2, WAIT);

            ReceivedSpan publish = collector
                    .await(
                            s -> s.span().getName().equals("publish test.submitted")
                                    && attribute(s.span(), "webhooks.event.id").equals(eventId),
                            1,
                            WAIT)
                    .getFirst();
            assertThat(publish.serviceName()).isEqualTo("smartcomply-webhooks");
            assertThat(publish.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_PRODUCER);
            String traceId = hex(publish.span().getTraceId().toByteArray());
            List<ReceivedSpan> attempts = collector.await(
                    s -> s.span().getName().equals("deliver test.submitted")
                            && hex(s.span().getTraceId().toByteArray()).equals(traceId),
                    2,
                    WAIT);

            for (ReceivedSpan attempt : attempts) {
                assertThat(attempt.span().getParentSpanId())
                        .isEqualTo(publish.span().getSpanId());
                assertThat(attempt.span().getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
                assertThat(attribute(attempt.span(), "webhooks.delivery.id")).isEqualTo(deliveryId);
                assertThat(attribute(attempt.span(), "webhooks.event.id")).isEqualTo(eventId);
            }
            // Each request carries the traceparent of the attempt that sent it.
            for (int n = 1; n <= 2; n++) {
                String attemptNumber = Integer.toString(n);
                Span attempt = attempts.stream()
                        .map(ReceivedSpan::span)
                        .filter(s -> attribute(s, "webhooks.delivery.attempt").equals(attemptNumber))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no span of attempt " + attemptNumber));
                TestReceiver.Received request = received.get(n - 1);
                assertThat(request.header("X-SmartComply-Attempt")).isEqualTo(attemptNumber);
                assertThat(request.header("traceparent"))
                        .isEqualTo(
                                "00-" + traceId + "-" + hex(attempt.getSpanId().toByteArray()) + "-01");
                assertThat(attribute(attempt, "http.response.status_code")).isEqualTo(n == 1 ? "500" : "200");
            }
        }
    }

    @Test
    void aPublishCarryingTheCallersTraceparentJoinsTheCallersTrace() {
        try (TestReceiver receiver = TestReceiver.start()) {
            ApiClient api = api();
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Caller Co");
            api.createEndpoint(account.text("api_key"), receiver.url(), "test.submitted");
            String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
            String callerSpan = "00f067aa0ba902b7";
            String eventId = ApiClient.expect(
                            202,
                            api.send(
                                    "POST",
                                    "/api/v1/events",
                                    ADMIN_KEY,
                                    "{\"account_id\":\"" + account.text("id")
                                            + "\",\"type\":\"test.submitted\",\"data\":"
                                            + EventExamples.testSubmitted(2) + "}",
                                    Map.of(
                                            "Content-Type",
                                            "application/json",
                                            "traceparent",
                                            "00-" + callerTrace + "-" + callerSpan + "-01")))
                    .text("id");

            Span publish = collector
                    .await(
                            s -> attribute(s.span(), "webhooks.event.id").equals(eventId)
                                    && s.span().getName().startsWith("publish "),
                            1,
                            WAIT)
                    .getFirst()
                    .span();
            assertThat(hex(publish.getTraceId().toByteArray())).isEqualTo(callerTrace);
            assertThat(hex(publish.getParentSpanId().toByteArray())).isEqualTo(callerSpan);
            assertThat(receiver.awaitCount(1, WAIT).getFirst().header("traceparent"))
                    .startsWith("00-" + callerTrace + "-");
        }
    }

    private static String attribute(Span span, String key) {
        return span.getAttributesList().stream()
                .filter(a -> a.getKey().equals(key))
                .findFirst()
                .map(a -> a.getValue().hasIntValue()
                        ? Long.toString(a.getValue().getIntValue())
                        : a.getValue().getStringValue())
                .orElse("");
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

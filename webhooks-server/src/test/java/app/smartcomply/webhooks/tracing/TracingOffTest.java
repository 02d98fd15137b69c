package app.smartcomply.webhooks.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * With no OpenTelemetry exporter configured (the default), tracing is off: no SDK, and deliveries
 * carry no {@code traceparent} header.
 */
class TracingOffTest extends WebhooksAppTest {

    @Autowired
    Tracing tracing;

    @Test
    void deliveriesCarryNoTraceparentWhenNoExporterIsConfigured() {
        assertThat(tracing.enabled()).isFalse();
        try (TestReceiver receiver = TestReceiver.start()) {
            ApiClient api = api();
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Untraced Co");
            api.createEndpoint(account.text("api_key"), receiver.url(), "test.submitted");
            // Even a caller's own traceparent is not passed on: with tracing off, nothing is traced.
            ApiClient.expect(
                    202,
                    api.send(
                            "POST",
                            "/api/v1/events",
                            ADMIN_KEY,
                            "{\"account_id\":\"" + account.text("id") + "\",\"type\":\"test.submitted\",\"data\":"
                                    + EventExamples.testSubmitted(1) + "}",
                            Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")));
            TestReceiver.Received request =
                    receiver.awaitCount(1, Duration.ofSeconds(10)).getFirst();
            assertThat(request.header("traceparent")).isNull();
            assertThat(request.header("X-SmartComply-Event-Id")).isNotNull();
        }
    }
}

package app.smartcomply.webhooks.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * With no OpenTelemetry exporter configured (the default), tracing is off: no SDK, and deliveries
 * carry no {@code traceparent} header.
 */
class TracingOffTest extends WebhooksAppTest {

  @Autowired Tracing tracing;

  @Test
  void deliveriesCarryNoTraceparentWhenNoExporterIsConfigured() {
    assertThat(tracing.enabled()).isFalse();
    try (TestReceiver receiver = TestReceiver.start()) {
      ApiClient api = api();
      ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Untraced Co");
      api.createEndpoint(account.text("api_key"), receiver.url(), "test.submitted");
      api.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(1));
      TestReceiver.Received request = receiver.awaitCount(1, Duration.ofSeconds(10)).getFirst();
      assertThat(request.header("traceparent")).isNull();
      assertThat(request.header("X-SmartComply-Event-Id")).isNotNull();
    }
  }
}

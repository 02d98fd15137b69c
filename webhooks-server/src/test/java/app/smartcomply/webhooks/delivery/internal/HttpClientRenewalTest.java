package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * HttpClient closes its connection pool for good when an {@link Error} passes through it; every
 * later request would then fail with "Connection pool shut down". The service notices: health
 * says DOWN while the shared client is broken, the next attempt swaps in a fresh one, and
 * deliveries go on.
 */
@TestPropertySource(properties = "management.endpoint.health.show-components=always")
class HttpClientRenewalTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    WebhookHttpClient webhookHttpClient;

    @Test
    void aShutDownPoolShowsInHealthAndIsReplacedAtTheNextAttempt() {
        ApiClient.Answer account = api().createAccount(ADMIN_KEY, "Renewal Co");
        String accountId = account.text("id");
        String key = account.text("api_key");
        DeliveryLogApi log = new DeliveryLogApi(api(), key);
        try (TestReceiver receiver = TestReceiver.start()) {
            String endpointId =
                    api().createEndpoint(key, receiver.url(), "test.submitted").text("id");
            assertThat(deliver(log, accountId, endpointId, 1).get("status").asString())
                    .isEqualTo("succeeded");
            assertThat(healthOfTheClient()).isEqualTo("UP");

            // What InternalHttpClient does to its pool on any Error before rethrowing it.
            webhookHttpClient.connections().close(CloseMode.IMMEDIATE);

            ApiClient.Answer health = api().get("/actuator/health", null);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json()
                            .get("components")
                            .get("webhookHttpClient")
                            .get("status")
                            .asString())
                    .isEqualTo("DOWN");

            JsonNode after = deliver(log, accountId, endpointId, 2);
            assertThat(after.get("status").asString())
                    .as("%s", after.get("attempts").get(0).get("error"))
                    .isEqualTo("succeeded");
            assertThat(receiver.received()).hasSize(2);
            assertThat(healthOfTheClient()).isEqualTo("UP");
            assertThat(api().get("/actuator/health", null).status()).isEqualTo(200);
            assertThat(api().get("/actuator/prometheus", null).body())
                    .containsPattern("webhooks_delivery_http_client_rebuilds_total(\\{[^}]*\\})? 1\\.0\\n");
        }
    }

    private JsonNode deliver(DeliveryLogApi log, String accountId, String endpointId, int n) {
        String eventId = api().publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(n))
                .text("id");
        return log.awaitAttempts(log.idOf(eventId, endpointId), 1, WAIT);
    }

    private String healthOfTheClient() {
        return api().get("/actuator/health", null)
                .json()
                .get("components")
                .get("webhookHttpClient")
                .get("status")
                .asString();
    }
}

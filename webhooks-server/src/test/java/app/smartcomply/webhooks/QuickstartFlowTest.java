package app.smartcomply.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookVerifier;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The quickstart, step by step, against the running service and a real receiver. */
class QuickstartFlowTest extends WebhooksAppTest {

    @Test
    void registerTestPublishAndReadTheLog() {
        ApiClient api = api();
        try (TestReceiver receiver = TestReceiver.start()) {
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Acme");
            String key = account.text("api_key");
            assertThat(key).startsWith("sc_live_");

            ApiClient.Answer endpoint = api.createEndpoint(key, receiver.url(), "test.submitted", "notice.created");
            // The quickstart's fields in its order, then the endpoint options every answer carries.
            assertThat(endpoint.json().propertyNames())
                    .containsExactly(
                            "id",
                            "url",
                            "events",
                            "description",
                            "status",
                            "signing_secret",
                            "created_at",
                            "mode",
                            "asymmetric_signing",
                            "public_key",
                            "jwks_url",
                            "filter",
                            "ordering",
                            "ordering_key",
                            "rate_limit");
            assertThat(endpoint.text("id")).matches("whe_[0-9a-f]{32}");
            assertThat(endpoint.text("status")).isEqualTo("active");
            String secret = endpoint.text("signing_secret");
            assertThat(secret).matches("whsec_[A-Za-z0-9+/]{32}");

            ApiClient.expect(202, api.post("/api/v1/webhooks/endpoints/" + endpoint.text("id") + "/test", key, null));
            TestReceiver.Received test =
                    receiver.awaitCount(1, Duration.ofSeconds(5)).getFirst();
            assertThat(test.header("X-SmartComply-Event-Type")).isEqualTo("webhook.test");
            WebhookVerifier.withSecret(SigningSecret.parse(secret))
                    .withClock(clock)
                    .verify(test.header("X-SmartComply-Signature"), test.body());

            ApiClient.Answer event =
                    api.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(1));
            TestReceiver.Received delivered =
                    receiver.awaitCount(2, Duration.ofSeconds(5)).get(1);
            assertThat(delivered.header("X-SmartComply-Event-Id")).isEqualTo(event.text("id"));
            assertThat(delivered.bodyText()).contains("\"type\":\"test.submitted\"");

            ApiClient.Answer log = api.get("/api/v1/webhooks/endpoints/" + endpoint.text("id") + "/deliveries", key);
            assertThat(log.json().get("data")).hasSize(2);
            assertThat(log.json().get("data").get(0).get("event_id").asString()).isEqualTo(event.text("id"));
        }
    }
}

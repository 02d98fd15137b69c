package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.account.SessionTokens;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A production node (dev mode off) that finds an endpoint whose URL its SSRF guard refuses — a
 * URL saved while the service ran in dev mode — does not send to it, and does not quietly retry
 * the same refused address for three days either: the attempt fails with the guard's reason, the
 * delivery is dead at once, and the endpoint is switched off with that reason, which its API view
 * and its dashboard page show.
 */
class SendTimeRefusalTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SessionTokens sessions;

    @DynamicPropertySource
    static void production(DynamicPropertyRegistry registry) {
        registry.add("webhooks.dev-mode", () -> "false");
    }

    @Test
    void aUrlTheGuardRefusesFailsTheDeliveryAndDisablesTheEndpointWithTheReason() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            ApiClient api = api();
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Moved To Production Co");
            String key = account.text("api_key");
            DeliveryLogApi log = new DeliveryLogApi(api, key);
            String endpointId = api.createEndpoint(key, "https://hooks.example.com/in", "test.submitted")
                    .text("id");
            // What a dev-mode run could have saved: a plain-http loopback URL.
            jdbc.sql("UPDATE endpoints SET url = ? WHERE id = ?")
                    .params(receiver.url(), endpointId)
                    .update();

            String eventId = api.publish(
                            ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(1))
                    .text("id");
            String deliveryId = log.idOf(eventId, endpointId);

            engine().settle();
            JsonNode dead = log.get(deliveryId);
            assertThat(dead.get("status").asString()).isEqualTo("failed");
            assertThat(dead.get("attempt_count").asInt()).isEqualTo(1);
            assertThat(dead.get("next_attempt_at").isNull()).isTrue();
            assertThat(dead.get("attempts").get(0).get("error").asString())
                    .contains("Refused by the SSRF guard")
                    .contains("allowed only in dev mode");

            JsonNode endpoint = ApiClient.expect(200, api.get("/api/v1/webhooks/endpoints/" + endpointId, key))
                    .json();
            assertThat(endpoint.get("status").asString()).isEqualTo("disabled");
            assertThat(endpoint.get("disabled_reason").asString())
                    .startsWith("Deliveries refused by the destination policy")
                    .contains("allowed only in dev mode");

            String session = sessions.signIn(key).orElseThrow().token();
            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(api.baseUrl() + "/dashboard/settings/webhooks/" + endpointId))
                                    .header("Cookie", "sc_dashboard=" + session)
                                    .timeout(WAIT)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body())
                    .contains("This endpoint is disabled.")
                    .contains(
                            "Deliveries refused by the destination policy: Refused by the SSRF guard: url must use https");

            engine().advance(Duration.ofDays(3));
            assertThat(receiver.received()).isEmpty();
            assertThat(log.get(deliveryId).get("attempt_count").asInt()).isEqualTo(1);
        }
    }
}

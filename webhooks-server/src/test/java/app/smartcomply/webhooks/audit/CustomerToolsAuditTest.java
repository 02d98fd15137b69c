package app.smartcomply.webhooks.audit;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The customer's tools leave their trace in {@code GET /api/v1/audit-log}: starting a conformance
 * check, triggering test events with a test key (not the platform's own publishes), and rotating
 * an endpoint's Ed25519 signing key — each with its actor and target, and no secret in any entry.
 * Listen sessions: {@code listen.ListenAuditTest}.
 */
class CustomerToolsAuditTest extends WebhooksAppTest {

    private static final String UA = "audit-tools-test/1.0";

    @Test
    void startingACheckIsAuditedWithTheCheckByTheKeyOrThePlatform() {
        try (TestReceiver receiver = TestReceiver.start()) {
            TestAccount account = TestAccount.create(api(), "Checked Co");
            String endpoint =
                    api().createEndpoint(account.apiKey(), receiver.url(), "*").text("id");
            String check = ApiClient.expect(
                            202,
                            call("POST", "/api/v1/webhooks/endpoints/" + endpoint + "/check", account.apiKey(), null))
                    .text("id");

            List<JsonNode> entries = entries(account.apiKey(), "action=endpoint.check_started");
            assertThat(entries).hasSize(1);
            JsonNode entry = entries.getFirst();
            assertThat(entry.get("target").toString()).isEqualTo("{\"type\":\"endpoint\",\"id\":\"" + endpoint + "\"}");
            assertThat(entry.get("changes").toString())
                    .isEqualTo("[{\"field\":\"check\",\"from\":null,\"to\":\"" + check + "\"}]");
            assertThat(entry.get("actor").get("type").asString()).isEqualTo("api_key");
            assertThat(entry.get("user_agent").asString()).isEqualTo(UA);
        }
    }

    @Test
    void aTestKeysTriggersAreAuditedOnePerEventButThePlatformsPublishesAreNot() {
        TestAccount account = TestAccount.create(api(), "Trigger Co");
        ApiClient.Answer key =
                ApiClient.expect(201, api().post("/api/v1/api-keys", account.apiKey(), "{\"mode\":\"test\"}"));
        String testKey = key.text("api_key");
        ApiClient.expect(202, api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(1)));
        String triggered = ApiClient.expect(
                        202, call("POST", "/api/v1/events", testKey, "{\"type\":\"test.submitted\"}"))
                .text("id");
        // A repeat of the same Idempotency-Key sends nothing new: no second entry.
        ApiClient.Answer once = api().send(
                        "POST",
                        "/api/v1/events",
                        testKey,
                        "{\"type\":\"notice.created\"}",
                        Map.of("Idempotency-Key", "trigger-1", "User-Agent", UA));
        ApiClient.expect(
                202,
                api().send(
                                "POST",
                                "/api/v1/events",
                                testKey,
                                "{\"type\":\"notice.created\"}",
                                Map.of("Idempotency-Key", "trigger-1", "User-Agent", UA)));
        JsonNode batch = ApiClient.expect(
                        200,
                        call(
                                "POST",
                                "/api/v1/events/batch",
                                testKey,
                                "{\"events\":[{\"type\":\"test.submitted\",\"data\":" + EventExamples.testSubmitted(2)
                                        + "}," + "{\"type\":\"test.submitted\",\"mode\":\"live\"}]}"))
                .json()
                .get("results");
        String batched = batch.get(0).get("event").get("id").asString();

        List<JsonNode> entries = entries(account.apiKey(), "action=event.triggered");
        assertThat(entries)
                .extracting(e -> e.get("target").get("type").asString() + " "
                        + e.get("target").get("id").asString())
                .as("the platform's publish and the refused batch event are not in it")
                .containsExactly(
                        "event " + triggered,
                        "event " + ApiClient.expect(202, once).text("id"),
                        "event " + batched);
        assertThat(entries.getFirst().get("changes").toString())
                .isEqualTo("[{\"field\":\"type\",\"from\":null,\"to\":\"test.submitted\"}]");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.get("actor").get("key_id").asString()).isEqualTo(key.text("id"));
            assertThat(e.get("account_id").asString()).isEqualTo(account.id());
            assertThat(e.get("changes"))
                    .as("the type is named, the data never copied")
                    .hasSize(1);
        });
        assertThat(ApiClient.expect(200, api().get("/api/v1/audit-log?limit=100", account.apiKey()))
                        .body())
                .doesNotContain(testKey);
    }

    @Test
    void rotatingTheSigningKeyHasItsOwnAction() {
        try (TestReceiver receiver = TestReceiver.start()) {
            TestAccount account = TestAccount.create(api(), "Keyed Co");
            String endpoint = ApiClient.expect(
                            201,
                            call(
                                    "POST",
                                    "/api/v1/webhooks/endpoints",
                                    account.apiKey(),
                                    "{\"url\":\"" + receiver.url()
                                            + "\",\"events\":[\"*\"],\"asymmetric_signing\":true}"))
                    .text("id");
            ApiClient.expect(
                    200,
                    call(
                            "POST",
                            "/api/v1/webhooks/endpoints/" + endpoint + "/rotate-signing-key",
                            account.apiKey(),
                            "{\"grace_period_seconds\":0}"));

            List<JsonNode> entries = entries(account.apiKey(), "target_id=" + endpoint);
            assertThat(entries)
                    .extracting(e -> e.get("action").asString())
                    .containsExactly("endpoint.created", "endpoint.signing_key_rotated");
            assertThat(entries.getLast().get("changes").toString()).isEqualTo("[{\"field\":\"signing_key\"}]");
            assertThat(entries.getLast().get("actor").get("type").asString()).isEqualTo("api_key");
        }
    }

    private ApiClient.Answer call(String method, String path, String key, String body) {
        return api().send(method, path, key, body, Map.of("User-Agent", UA));
    }

    /** The matching entries, oldest first. */
    private List<JsonNode> entries(String key, String query) {
        List<JsonNode> entries = new ArrayList<>();
        ApiClient.expect(200, api().get("/api/v1/audit-log?limit=100&" + query, key))
                .json()
                .get("data")
                .forEach(entries::add);
        return entries.reversed();
    }
}

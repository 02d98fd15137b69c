package app.smartcomply.webhooks.listen;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.client.WebhooksClient;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code webhooks trigger} (the client CLI, run in-process through its picocli entry point): it
 * reads the type's example from the service's event-type list and publishes it, and it reports the
 * service's refusal with a non-zero exit code.
 */
class TriggerCliTest extends WebhooksAppTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void publishesTheCatalogExampleOfTheType() {
        Answer account = api().createAccount(ADMIN_KEY, "Trigger Co");
        try (TestReceiver receiver = TestReceiver.start()) {
            api().createEndpoint(account.text("api_key"), receiver.url(), "notice.created");

            int exit = WebhooksClient.run(
                    "trigger",
                    "notice.created",
                    "--service",
                    "http://127.0.0.1:" + port,
                    "--api-key",
                    ADMIN_KEY,
                    "--account",
                    account.text("id"),
                    "--mode",
                    "live");

            assertThat(exit).isZero();
            JsonNode delivered = JSON.readTree(
                    receiver.awaitCount(1, Duration.ofSeconds(30)).getFirst().body());
            assertThat(delivered.get("type").asString()).isEqualTo("notice.created");
            assertThat(delivered.get("data")).isEqualTo(example("notice.created"));
        }
    }

    @Test
    void givenDataIsPublishedInsteadOfTheExample() throws Exception {
        Answer account = api().createAccount(ADMIN_KEY, "Trigger Data Co");
        try (TestReceiver receiver = TestReceiver.start()) {
            api().createEndpoint(account.text("api_key"), receiver.url(), "notice.created");
            JsonNode data = ((tools.jackson.databind.node.ObjectNode)
                    example("notice.created").deepCopy());
            ((tools.jackson.databind.node.ObjectNode) data).put("title", "Given by --data");
            java.nio.file.Path file = java.nio.file.Files.createTempFile("trigger-", ".json");
            java.nio.file.Files.writeString(file, data.toString());

            int exit = WebhooksClient.run(
                    "trigger",
                    "notice.created",
                    "--data",
                    "@" + file,
                    "--service",
                    "http://127.0.0.1:" + port,
                    "--api-key",
                    ADMIN_KEY,
                    "--account",
                    account.text("id"),
                    "--mode",
                    "live");

            assertThat(exit).isZero();
            JsonNode delivered = JSON.readTree(
                    receiver.awaitCount(1, Duration.ofSeconds(30)).getFirst().body());
            assertThat(delivered.get("data")).isEqualTo(data);
        }
    }

    @Test
    void anUnknownTypeOrARefusalIsAFailure() {
        Answer account = api().createAccount(ADMIN_KEY, "Trigger Refused Co");
        assertThat(WebhooksClient.run(
                        "trigger",
                        "no.such.type",
                        "--service",
                        "http://127.0.0.1:" + port,
                        "--api-key",
                        ADMIN_KEY,
                        "--account",
                        account.text("id")))
                .isEqualTo(2);
        // A live key may not publish live events (the mode trigger asks for is test; what the service
        // answers to a customer key is its business — the CLI must not report success on a refusal).
        assertThat(WebhooksClient.run(
                        "trigger",
                        "notice.created",
                        "--service",
                        "http://127.0.0.1:" + port,
                        "--api-key",
                        account.text("api_key"),
                        "--mode",
                        "live"))
                .isEqualTo(1);
    }

    private JsonNode example(String type) {
        for (JsonNode t : ApiClient.expect(200, api().get("/api/v1/webhooks/event-types", ADMIN_KEY))
                .json()
                .get("data")) {
            if (t.get("name").asString().equals(type)) {
                return t.get("example");
            }
        }
        throw new AssertionError("no " + type);
    }
}

package app.smartcomply.webhooks.check;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.CheckApi;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A check goes through the SSRF guard exactly as a delivery does: on a production node (dev mode
 * off), an endpoint URL the guard refuses — a loopback URL saved while the service ran in dev mode
 * — is not sent a single request, and the check says why.
 */
class CheckSsrfGuardTest extends WebhooksAppTest {

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void production(DynamicPropertyRegistry registry) {
        registry.add("webhooks.dev-mode", () -> "false");
    }

    @Test
    void aRefusedDestinationIsNeverSentTo() {
        try (TestReceiver receiver = TestReceiver.start()) {
            TestAccount account = TestAccount.create(api(), "Guarded Co");
            String endpoint = api().createEndpoint(account.apiKey(), "https://hooks.example.com/in", "*")
                    .text("id");
            jdbc.sql("UPDATE endpoints SET url = ? WHERE id = ?")
                    .params(receiver.url(), endpoint)
                    .update();

            JsonNode check = new CheckApi(api()).run(account.apiKey(), endpoint);

            JsonNode valid = CheckApi.caseNamed(check, "valid_signature");
            assertThat(valid.get("passed").asBoolean()).isFalse();
            assertThat(valid.get("got").asString())
                    .startsWith("Refused by the SSRF guard")
                    .contains("only in dev mode");
            assertThat(CheckApi.verdicts(check).values()).containsOnly(false);
            assertThat(receiver.received()).isEmpty();
        }
    }
}

package app.smartcomply.webhooks.check;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.CheckApi;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A check follows no redirect, as deliveries do not: a receiver that answers 307 with another URL
 * in Location sends the check nowhere else (the other address is never asked, so a redirect cannot
 * carry a check past the SSRF guard), and the check says to register the final URL.
 */
class CheckRedirectTest extends WebhooksAppTest {

    @Test
    void aRedirectIsNotFollowedAndTheCheckSaysSo() {
        try (TestReceiver elsewhere = TestReceiver.start();
                TestReceiver redirecting = TestReceiver.start()) {
            redirecting.answering(Reply.status(307).withHeader("Location", elsewhere.url("/moved")));
            TestAccount account = TestAccount.create(api(), "Redirect Co");
            String endpoint = api().createEndpoint(account.apiKey(), redirecting.url(), "*")
                    .text("id");

            JsonNode check = new CheckApi(api()).run(account.apiKey(), endpoint);

            JsonNode valid = CheckApi.caseNamed(check, "valid_signature");
            assertThat(valid.get("passed").asBoolean()).isFalse();
            assertThat(valid.toString()).contains("redirect").contains("307");
            assertThat(redirecting.received()).isNotEmpty();
            assertThat(elsewhere.received()).isEmpty();
        }
    }
}

package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The disabled reason names the auto-disable period as configured, in words a person reads: with
 * {@code webhooks.delivery.auto-disable-after} of 12 hours it says "12 hours", not "0 days".
 */
@TestPropertySource(
        properties = {"webhooks.delivery.pause-after-failures=0", "webhooks.delivery.auto-disable-after=PT12H"})
class AutoDisableReasonTest extends WebhooksAppTest {

    @Test
    void theReasonSaysHowLongTheEndpointFailedInHumanUnits() {
        try (TestReceiver failing = TestReceiver.start().answering(Reply.status(500))) {
            TestAccount account = TestAccount.create(api(), "Twelve Hours Co");
            DeliveryLogApi log = new DeliveryLogApi(api(), account.apiKey());
            String endpointId = api().createEndpoint(account.apiKey(), failing.url(), "test.submitted")
                    .text("id");

            String first = api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(1))
                    .text("id");
            engine().settle();
            assertThat(log.get(log.idOf(first, endpointId)).get("attempt_count").asInt())
                    .isEqualTo(1);

            engine().advance(Duration.ofHours(13));
            api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(2));
            engine().settle();
            JsonNode endpoint = ApiClient.expect(
                            200, api().get("/api/v1/webhooks/endpoints/" + endpointId, account.apiKey()))
                    .json();
            assertThat(endpoint.get("status").asString()).isEqualTo("disabled");
            assertThat(endpoint.get("disabled_reason").asString()).startsWith("No successful delivery for 12 hours (");
        }
    }
}

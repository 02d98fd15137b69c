package app.smartcomply.webhooks.check;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.CheckApi;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import org.junit.jupiter.api.Test;

/**
 * A check meets custom headers: its requests carry the endpoint's custom headers as its deliveries
 * do, so a receiver that authenticates the sender by one (Authorization, say) is checked on its
 * signature handling instead of refusing every case.
 */
class CheckSendsCustomHeadersTest extends WebhooksAppTest {

    @Test
    void everyRequestOfACheckCarriesTheEndpointsCustomHeaders() {
        TestAccount account = TestAccount.create(api(), "Check Headers Co");
        try (TestReceiver receiver = TestReceiver.start()) {
            String endpoint = ApiClient.expect(
                            201,
                            api().post(
                                            "/api/v1/webhooks/endpoints",
                                            account.apiKey(),
                                            "{\"url\":\"" + receiver.url("/hook") + "\",\"events\":[\"*\"],"
                                                    + "\"headers\":{\"Authorization\":\"Bearer 3f9c-receiver-token\",\"X-Team\":\"payments\"}}"))
                    .text("id");

            new CheckApi(api()).run(account.apiKey(), endpoint);

            assertThat(receiver.received()).hasSize(8).allSatisfy(request -> {
                assertThat(request.header("Authorization")).isEqualTo("Bearer 3f9c-receiver-token");
                assertThat(request.header("X-Team")).isEqualTo("payments");
            });
        }
    }
}

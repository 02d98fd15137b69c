package app.smartcomply.webhooks.egress;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ConnectProxy;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * WEBHOOKS_EGRESS_PROXY and WEBHOOKS_EGRESS_IPS in the whole service: every delivery goes through
 * a real CONNECT proxy on loopback, and the published addresses are in the API and on the
 * dashboard.
 */
class EgressProxyTest extends WebhooksAppTest {

    private static final ConnectProxy PROXY = startProxy();

    private static ConnectProxy startProxy() {
        try {
            return ConnectProxy.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void egress(DynamicPropertyRegistry registry) {
        registry.add("webhooks.egress.proxy", PROXY::url);
        registry.add("webhooks.egress.ips", () -> " 203.0.113.7, 198.51.100.0/28 ,2001:db8::/48");
    }

    @AfterAll
    static void stopProxy() throws IOException {
        PROXY.close();
    }

    @Test
    void everyDeliveryGoesThroughTheProxy() {
        try (TestReceiver receiver = TestReceiver.start()) {
            TestAccount account = TestAccount.create(api(), "Egress");
            api().createEndpoint(account.apiKey(), receiver.url(), "test.submitted");
            List<String> eventIds = new ArrayList<>();
            for (int n = 1; n <= 3; n++) {
                eventIds.add(api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(n))
                        .text("id"));
            }

            receiver.awaitCount(3, Duration.ofSeconds(20));

            String receiverAuthority =
                    receiver.url().replaceFirst("^http://", "").replaceFirst("/.*$", "");
            assertThat(PROXY.connectTargets()).isNotEmpty().allMatch(receiverAuthority::equals);
            String tunnelled = PROXY.forwardedText();
            for (String eventId : eventIds) {
                assertThat(tunnelled)
                        .as("delivery of " + eventId + " in the tunnel")
                        .contains("webhook-id: " + eventId);
            }
        }
    }

    @Test
    void thePublishedAddressesAreInTheApiAndOnTheDashboard() {
        TestAccount account = TestAccount.create(api(), "Egress IPs");

        ApiClient.Answer ips = ApiClient.expect(200, api().get("/api/v1/webhooks/egress-ips", account.apiKey()));
        String page = DashboardClient.onPort(port)
                .get(
                        "/dashboard/settings/webhooks",
                        DashboardClient.onPort(port).session(account.apiKey()))
                .body();

        assertThat(ips.json().get("ips").valueStream().map(n -> n.asString()))
                .containsExactly("203.0.113.7", "198.51.100.0/28", "2001:db8:0:0:0:0:0:0/48");
        assertThat(page).contains("id=\"egress-ips\"").contains("203.0.113.7").contains("198.51.100.0/28");
    }
}

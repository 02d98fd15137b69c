package app.smartcomply.webhooks.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The endpoint cap and the test-event limit as a person meets them in the dashboard. */
@TestPropertySource(
        properties = {
            "webhooks.limits.endpoints-per-account=1",
            "webhooks.limits.test-events.requests=1",
            "webhooks.limits.test-events.per=1h"
        })
class DashboardLimitsTest extends WebhooksAppTest {

    private static final String HOME = "/dashboard/settings/webhooks";

    @Test
    void addingAnEndpointPastTheCapShowsTheFormAgainWithWhy() {
        TestAccount account = TestAccount.create(api(), "Capped");
        api().createEndpoint(account.apiKey(), "https://example.com/only", "*");
        DashboardClient dashboard = DashboardClient.onPort(port);
        String session = dashboard.session(account.apiKey());

        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", dashboard.csrf(session));
        form.put("url", "https://example.com/second");
        form.put("events", "*");
        form.put("description", "one too many");
        HttpResponse<String> refused = dashboard.post(HOME, session, form);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("the most it may have (1)").contains("https://example.com/second");
    }

    @Test
    void aTestEventPastTheLimitSaysSoAndTheNextHourItGoesOut() {
        try (TestReceiver receiver = TestReceiver.start()) {
            TestAccount account = TestAccount.create(api(), "Tester");
            String endpoint = api().createEndpoint(account.apiKey(), receiver.url("/hook"), "*")
                    .text("id");
            DashboardClient dashboard = DashboardClient.onPort(port);
            String session = dashboard.session(account.apiKey());
            String test = HOME + "/" + endpoint + "/test";

            assertThat(location(dashboard.post(test, session, Map.of("_csrf", dashboard.csrf(session)))))
                    .endsWith("?notice=test_sent");
            String refused = location(dashboard.post(test, session, Map.of("_csrf", dashboard.csrf(session))));
            assertThat(refused).endsWith("?notice=test_rate_limited");
            assertThat(dashboard
                            .get(refused.substring(refused.indexOf("/dashboard/")), session)
                            .body())
                    .contains("Too many test events for this endpoint");

            clock.advance(Duration.ofHours(1));
            assertThat(location(dashboard.post(test, session, Map.of("_csrf", dashboard.csrf(session)))))
                    .endsWith("?notice=test_sent");
        }
    }

    private static String location(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        return answer.headers().firstValue("Location").orElseThrow();
    }
}

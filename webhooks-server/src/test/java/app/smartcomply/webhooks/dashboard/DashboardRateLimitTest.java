package app.smartcomply.webhooks.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The rate limit on the dashboard: typed on the endpoint form, shown on the endpoint page and
 * prefilled on the edit form, changed, removed by emptying the box, and refused next to the box
 * when it is not a whole number from 1 to 10,000.
 */
class DashboardRateLimitTest extends WebhooksAppTest {

    private static final String HOME = "/dashboard/settings/webhooks";

    private TestAccount account;
    private String session;
    private String csrf;

    @BeforeEach
    void signedIn() {
        account = TestAccount.create(api(), "Dashboard limits");
        session = dashboard().session(account.apiKey());
        csrf = dashboard().csrf(session);
    }

    @Test
    void aRateLimitIsSetShownChangedAndRemoved() {
        HttpResponse<String> created = post(HOME, form("25"));
        assertThat(created.statusCode()).isEqualTo(200);
        String id = onlyEndpoint().get("id").asString();
        assertThat(onlyEndpoint().get("rate_limit").get("per_second").asInt()).isEqualTo(25);
        assertThat(dashboard().get(HOME + "/" + id, session).body())
                .contains("id=\"endpoint-rate-limit\"")
                .contains("25 requests");
        assertThat(dashboard().get(HOME + "/" + id + "/edit", session).body()).contains("value=\"25\"");

        assertThat(post(HOME + "/" + id, form("1")).statusCode()).isEqualTo(302);
        assertThat(onlyEndpoint().get("rate_limit").get("per_second").asInt()).isEqualTo(1);
        assertThat(dashboard().get(HOME + "/" + id, session).body()).contains("1 request<");

        assertThat(post(HOME + "/" + id, form("")).statusCode()).isEqualTo(302);
        assertThat(onlyEndpoint().get("rate_limit").isNull()).isTrue();
        assertThat(dashboard().get(HOME + "/" + id, session).body()).contains("None: deliveries go as fast");
    }

    @Test
    void aBadRateLimitIsShownNextToTheBoxAndNothingIsSaved() {
        for (String bad : new String[] {"0", "10001", "2.5", "ten", "99999999999"}) {
            HttpResponse<String> refused = post(HOME, form(bad));
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body())
                    .as(bad)
                    .contains("id=\"rate-limit-error\"")
                    .contains("1 to 10000");
        }
        assertThat(endpoints()).isEmpty();
        assertThat(post(HOME, form("")).statusCode()).isEqualTo(200);
        assertThat(onlyEndpoint().get("rate_limit").isNull()).isTrue();
    }

    private static Map<String, String> form(String rateLimit) {
        return Map.of("url", "https://example.com/hook", "events", "*", "rate_limit", rateLimit);
    }

    private HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf);
        return dashboard().post(path, session, all);
    }

    private JsonNode endpoints() {
        return ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints", account.apiKey()))
                .json()
                .get("data");
    }

    private JsonNode onlyEndpoint() {
        assertThat(endpoints()).hasSize(1);
        return endpoints().get(0);
    }

    private DashboardClient dashboard() {
        return DashboardClient.onPort(port);
    }
}

package app.smartcomply.webhooks.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Custom headers on the dashboard: typed on the endpoint form, shown on the endpoint page by name
 * with masked values, kept when the edit form's box is left empty, replaced or removed on demand.
 */
class DashboardCustomHeadersTest extends WebhooksAppTest {

    private static final String HOME = "/dashboard/settings/webhooks";
    private static final String TOKEN = "Bearer tok-55d0a3e1b7";

    private TestAccount account;
    private String session;
    private String csrf;

    @BeforeEach
    void signedIn() {
        account = TestAccount.create(api(), "Dashboard headers");
        session = dashboard().session(account.apiKey());
        csrf = dashboard().csrf(session);
    }

    private DashboardClient dashboard() {
        return DashboardClient.onPort(port);
    }

    private HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf);
        return dashboard().post(path, session, all);
    }

    private String onlyEndpointId() {
        return ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints", account.apiKey()))
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asString();
    }

    /** The endpoint's header names as the API reads them. */
    private List<String> apiHeaderNames(String id) {
        return List.copyOf(ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints/" + id, account.apiKey()))
                .json()
                .get("headers")
                .propertyNames());
    }

    @Test
    void headersAreAddedShownMaskedKeptReplacedAndRemoved() {
        HttpResponse<String> created = post(
                HOME,
                Map.of(
                        "url",
                        "https://example.com/hook",
                        "events",
                        "*",
                        "headers",
                        "Authorization: " + TOKEN + "\r\nX-Team: payments\r\n"));
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).doesNotContain("tok-55d0");
        String id = onlyEndpointId();

        String page = dashboard().get(HOME + "/" + id, session).body();
        assertThat(page)
                .contains("id=\"custom-headers\"")
                .contains(">Authorization<")
                .contains(">X-Team<")
                .contains("********")
                .doesNotContain("tok-55d0")
                .doesNotContain("payments");
        String form = dashboard().get(HOME + "/" + id + "/edit", session).body();
        assertThat(form).contains("Authorization, X-Team").doesNotContain("tok-55d0");

        assertThat(post(HOME + "/" + id, Map.of("url", "https://example.com/hook", "events", "*", "headers", ""))
                        .statusCode())
                .isEqualTo(302);
        assertThat(apiHeaderNames(id)).containsExactly("Authorization", "X-Team");

        post(HOME + "/" + id, Map.of("url", "https://example.com/hook", "events", "*", "headers", "X-Env: prod"));
        assertThat(apiHeaderNames(id)).containsExactly("X-Env");

        post(HOME + "/" + id, Map.of("url", "https://example.com/hook", "events", "*", "clear_headers", "true"));
        assertThat(apiHeaderNames(id)).isEmpty();
        assertThat(dashboard().get(HOME + "/" + id, session).body())
                .contains("id=\"custom-headers\"")
                .contains("None.");
    }

    @Test
    void aRefusedHeaderIsShownNextToTheBoxWithoutItsValue() {
        HttpResponse<String> refused =
                post(HOME, Map.of("url", "https://example.com/hook", "events", "*", "headers", "Host: tok-55d0a3e1b7"));
        HttpResponse<String> malformed =
                post(HOME, Map.of("url", "https://example.com/hook", "events", "*", "headers", "just a line"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"headers-error\"").contains("The header Host is set by the service");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("id=\"headers-error\"").contains("Line 1 is not a header");
        assertThat(ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints", account.apiKey()))
                        .json()
                        .get("data"))
                .isEmpty();
    }
}

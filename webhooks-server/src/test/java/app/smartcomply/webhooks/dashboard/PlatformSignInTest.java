package app.smartcomply.webhooks.dashboard;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Signing into the dashboard from the platform with a one-time link instead of a pasted key: the
 * link works once and for five minutes, the session it opens is the account's (read-only if asked),
 * its Back link returns to the platform, and what it changes is audited as a dashboard session.
 */
class PlatformSignInTest extends WebhooksAppTest {

    private static final String HOME = "/dashboard/settings/webhooks";
    private static final String RETURN = "https://platform.example/settings?tab=webhooks";

    @Autowired
    JdbcClient jdbc;

    private DashboardClient dashboard() {
        return DashboardClient.onPort(port);
    }

    @Test
    void aLinkSignsInOnceAndOnlyOnce() {
        TestAccount account = TestAccount.create(api(), "Linked Ltd");
        ApiClient.Answer created = link(account.id(), "{\"return_url\":\"" + RETURN + "\"}");
        String url = created.text("url");
        assertThat(url).matches("http://127\\.0\\.0\\.1:" + port + "/dashboard/sign-in/l1\\.[A-Za-z0-9_-]{43}");
        assertThat(Instant.parse(created.text("expires_at")).toEpochMilli()).isEqualTo(clock.millis() + 300_000);
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertThat(jdbc.sql("SELECT token_mac FROM dashboard_sign_in_links WHERE account_id = ?")
                        .param(account.id())
                        .query(String.class)
                        .single())
                .as("only a MAC of the token is stored")
                .doesNotContain(token)
                .doesNotContain(token.substring(3));

        HttpResponse<String> opened = dashboard().get(path(url), null);
        assertThat(opened.statusCode()).isEqualTo(302);
        assertThat(opened.headers().firstValue("Location").orElseThrow()).endsWith(HOME);
        String session = DashboardClient.cookie(opened, "sc_dashboard");
        assertThat(session).startsWith("v2.");
        HttpResponse<String> home = dashboard().get(HOME, session);
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body())
                .contains("Linked Ltd")
                .contains("id=\"back-link\" href=\"https://platform.example/settings?tab=webhooks\"");

        HttpResponse<String> again = dashboard().get(path(url), null);
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.body()).contains("This sign-in link was already used");
        assertThat(DashboardClient.cookie(again, "sc_dashboard")).isNull();
        assertThat(dashboard().get(HOME, session).statusCode())
                .as("the first session goes on")
                .isEqualTo(200);

        JsonNode entry = ApiClient.expect(
                        200,
                        api().get(
                                        "/api/v1/accounts/" + account.id()
                                                + "/audit-log?action=dashboard.sign_in_link_created",
                                        ADMIN_KEY))
                .json()
                .get("data");
        assertThat(entry).hasSize(1);
        assertThat(entry.get(0).get("actor").get("type").asString()).isEqualTo("platform");
        assertThat(entry.toString()).doesNotContain(token);
    }

    @Test
    void aLinkIsUselessFiveMinutesAfterItWasMade() {
        TestAccount account = TestAccount.create(api(), "Late Ltd");
        String late = link(account.id(), null).text("url");
        String justInTime = link(account.id(), null).text("url");
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(dashboard().get(path(justInTime), null).statusCode()).isEqualTo(302);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = dashboard().get(path(late), null);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("This sign-in link has expired");
        assertThat(DashboardClient.cookie(expired, "sc_dashboard")).isNull();

        HttpResponse<String> unknown = dashboard().get("/dashboard/sign-in/l1." + "A".repeat(43), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("This sign-in link is not valid");
    }

    @Test
    void aReadOnlySessionChangesNothingAndAFullOneIsAuditedAsADashboardSession() {
        TestAccount account = TestAccount.create(api(), "Sessions Ltd");
        String endpoint = api().createEndpoint(account.apiKey(), "http://127.0.0.1:9/hook", "*")
                .text("id");

        String readOnly = open(
                link(account.id(), "{\"read_only\":true,\"mode\":\"test\"}").text("url"));
        HttpResponse<String> refused = dashboard()
                .post(
                        HOME + "/" + endpoint + "/disable",
                        readOnly,
                        Map.of("_csrf", dashboard().csrf(readOnly)));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(dashboard().get(HOME, readOnly).body()).doesNotContain("back-link");
        assertThat(status(account, endpoint)).isEqualTo("active");

        String full = open(link(account.id(), null).text("url"));
        assertThat(dashboard()
                        .post(
                                HOME + "/" + endpoint + "/disable",
                                full,
                                Map.of("_csrf", dashboard().csrf(full)))
                        .statusCode())
                .isEqualTo(302);
        assertThat(status(account, endpoint)).isEqualTo("disabled");
        // Pasting a key still signs in; what that session changes names the key.
        String withKey = dashboard().session(account.apiKey());
        assertThat(dashboard()
                        .post(
                                HOME + "/" + endpoint + "/enable",
                                withKey,
                                Map.of("_csrf", dashboard().csrf(withKey)))
                        .statusCode())
                .isEqualTo(302);

        JsonNode entries = ApiClient.expect(200, api().get("/api/v1/audit-log?target_id=" + endpoint, account.apiKey()))
                .json()
                .get("data");
        assertThat(entries).hasSize(3);
        assertThat(entries.get(1).get("action").asString()).isEqualTo("endpoint.disabled");
        assertThat(entries.get(1).get("actor").toString())
                .isEqualTo("{\"type\":\"dashboard_session\",\"key_id\":null,"
                        + "\"description\":\"Dashboard session opened by the platform\"}");
        assertThat(entries.get(1).get("ip").asString()).isEqualTo("127.0.0.1");
        String keyId = ApiClient.expect(200, api().get("/api/v1/api-keys", account.apiKey()))
                .json()
                .get("data")
                .get(0)
                .get("id")
                .asString();
        assertThat(entries.get(0).get("action").asString()).isEqualTo("endpoint.enabled");
        assertThat(entries.get(0).get("actor").get("type").asString()).isEqualTo("dashboard_session");
        assertThat(entries.get(0).get("actor").get("key_id").asString()).isEqualTo(keyId);

        HttpResponse<String> page = dashboard().get("/dashboard/settings/audit-log?action=endpoint.disabled", withKey);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Dashboard session opened by the platform")
                .contains(endpoint)
                .doesNotContain("data-action=\"endpoint.enabled\"")
                .doesNotContain("data-action=\"endpoint.created\"");
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        TestAccount account = TestAccount.create(api(), "Strict Ltd");
        for (String bad : new String[] {
            "javascript:alert(1)",
            "/relative/path",
            "https://user:pw@platform.example/",
            "ftp://platform.example/",
            "https://platform.example/" + "a".repeat(2030),
            "https://platform.example/a b"
        }) {
            assertProblem(
                    link(account.id(), "{\"return_url\":\"" + bad + "\"}", 400),
                    400,
                    "invalid_return_url",
                    "return_url");
        }
        assertProblem(link(account.id(), "{\"mode\":\"staging\"}", 400), 400, "invalid_mode", "mode");
        assertProblem(link(account.id(), "{\"read_only\":\"yes\"}", 400), 400, "invalid_type", "read_only");
        assertProblem(
                api().post("/api/v1/accounts/" + account.id() + "/dashboard-sessions", account.apiKey(), null),
                403,
                "admin_key_required",
                "Authorization");
        assertProblem(link("acct_00000000000000000000000000000000", null, 404), 404, "resource_missing", "id");
    }

    private ApiClient.Answer link(String accountId, String body) {
        return link(accountId, body, 201);
    }

    private ApiClient.Answer link(String accountId, String body, int status) {
        ApiClient.Answer answer = api().post("/api/v1/accounts/" + accountId + "/dashboard-sessions", ADMIN_KEY, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        return answer;
    }

    private String open(String url) {
        HttpResponse<String> opened = dashboard().get(path(url), null);
        assertThat(opened.statusCode()).isEqualTo(302);
        return DashboardClient.cookie(opened, "sc_dashboard");
    }

    private String path(String url) {
        return url.substring(("http://127.0.0.1:" + port).length());
    }

    private String status(TestAccount account, String endpoint) {
        return ApiClient.expect(200, api().get("/api/v1/webhooks/endpoints/" + endpoint, account.apiKey()))
                .text("status");
    }
}

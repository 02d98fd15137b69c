package app.smartcomply.webhooks.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Dashboard sessions as an attacker and a careful user see them: what can be forged from a copy of
 * the database, what signing out, revoking and time end, and when the cookie is {@code Secure}.
 * The service trusts 127.0.0.1 as its TLS-terminating proxy; 127.0.0.2 is any other client.
 */
class DashboardSessionTest extends WebhooksAppTest {

    private static final String HOME = "/dashboard/settings/webhooks";

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void trustLoopbackAsProxy(DynamicPropertyRegistry registry) {
        registry.add("webhooks.trusted-proxies", () -> "127.0.0.1/32, 192.0.2.0/24");
    }

    private DashboardClient dashboard() {
        return DashboardClient.onPort(port);
    }

    @Test
    void aSessionForgedFromTheDatabaseAloneIsRefused() throws Exception {
        TestAccount account = TestAccount.create(api(), "Backup Victim");
        // A real session exists, so the database holds whatever the service keeps about sessions.
        String real = dashboard().session(account.apiKey());
        assertThat(dashboard().get(HOME, real).statusCode()).isEqualTo(200);

        // Everything the old scheme needed was in api_keys: the key's id and its stored hash.
        Map<String, Object> key = jdbc.sql("SELECT id, key_hash FROM api_keys WHERE account_id = ?")
                .param(account.id())
                .query()
                .singleRow();
        String unsigned = "v1." + key.get("id") + "." + (clock.millis() + 3_600_000L) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HexFormat.of().parseHex((String) key.get("key_hash")), "HmacSHA256"));
        String forged = unsigned + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8)));

        assertSignedOut(dashboard().get(HOME, forged));
        // Nor does any value stored in any table about the session serve as its cookie.
        for (String stored : storedStrings()) {
            assertSignedOut(dashboard().get(HOME, stored));
        }
    }

    @Test
    void signingOutEndsTheSessionOnTheServer() {
        String key = TestAccount.create(api(), "Careful").apiKey();
        String session = dashboard().session(key);
        HttpResponse<String> out = dashboard()
                .post(
                        "/dashboard/sign-out",
                        session,
                        Map.of("_csrf", dashboard().csrf(session)));
        assertThat(out.statusCode()).isEqualTo(302);

        // A copy of the cookie taken before signing out no longer opens anything.
        assertSignedOut(dashboard().get(HOME, session));
    }

    @Test
    void everySignInGetsANewSessionAndEndsTheOneTheBrowserHad() {
        String key = TestAccount.create(api(), "Twice").apiKey();
        String first = dashboard().session(key);
        String elsewhere = dashboard().session(key);
        assertThat(elsewhere).isNotEqualTo(first);

        // The same browser signs in again (say, with another key): it gets a new session, the old one ends.
        String again = DashboardClient.cookie(
                dashboard().signIn(key, Map.of("Cookie", "sc_dashboard=" + first)), "sc_dashboard");
        assertThat(again).isNotEqualTo(first).isNotEqualTo(elsewhere);
        assertSignedOut(dashboard().get(HOME, first));
        assertThat(dashboard().get(HOME, again).statusCode()).isEqualTo(200);
        assertThat(dashboard().get(HOME, elsewhere).statusCode()).isEqualTo(200);
    }

    @Test
    void revokingTheKeyEndsItsSessionsButNotOthers() {
        TestAccount account = TestAccount.create(api(), "Revoker");
        ApiClient.Answer other =
                ApiClient.expect(201, api().post("/api/v1/api-keys", account.apiKey(), "{\"name\":\"ci\"}"));
        String viaFirst = dashboard().session(account.apiKey());
        String viaOther = dashboard().session(other.text("api_key"));
        String firstKeyId = jdbc.sql("SELECT id FROM api_keys WHERE account_id = ? AND id <> ?")
                .params(account.id(), other.text("id"))
                .query(String.class)
                .single();

        ApiClient.expect(200, api().post("/api/v1/api-keys/" + firstKeyId + "/revoke", other.text("api_key"), null));

        assertSignedOut(dashboard().get(HOME, viaFirst));
        assertThat(dashboard().get(HOME, viaOther).statusCode()).isEqualTo(200);
    }

    @Test
    void aSessionEndsWhenItsLifetimeIsOver() {
        String session = dashboard().session(TestAccount.create(api(), "Sleepy").apiKey());
        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(dashboard().get(HOME, session).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertSignedOut(dashboard().get(HOME, session));
    }

    @Test
    void theCookieIsSecureWhenATrustedProxyReceivedHttps() {
        String key = TestAccount.create(api(), "Behind a balancer").apiKey();

        String viaProxy = DashboardClient.setCookie(
                        dashboard().signIn(key, Map.of("X-Forwarded-Proto", "https")), "sc_dashboard")
                .orElseThrow();
        assertThat(viaProxy).contains("; Secure").contains("HttpOnly");
        String viaForwarded = DashboardClient.setCookie(
                        dashboard().signIn(key, Map.of("Forwarded", "for=198.51.100.7;proto=https")), "sc_dashboard")
                .orElseThrow();
        assertThat(viaForwarded).contains("; Secure");

        String plain = DashboardClient.setCookie(dashboard().signIn(key, Map.of()), "sc_dashboard")
                .orElseThrow();
        assertThat(plain).doesNotContain("Secure");
    }

    @Test
    void forwardedHeadersFromAnUntrustedClientAreIgnored() {
        String key = TestAccount.create(api(), "Spoofer").apiKey();
        DashboardClient untrusted = DashboardClient.onPortFrom(port, "127.0.0.2");

        HttpResponse<String> answer = untrusted.signIn(key, Map.of("X-Forwarded-Proto", "https"));
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(DashboardClient.setCookie(answer, "sc_dashboard").orElseThrow())
                .doesNotContain("Secure");
        assertThat(answer.headers().firstValue("Location").orElseThrow()).doesNotStartWith("https:");
        assertThat(DashboardClient.setCookie(untrusted.signIn(key, Map.of("Forwarded", "proto=https")), "sc_dashboard")
                        .orElseThrow())
                .doesNotContain("Secure");
    }

    private static void assertSignedOut(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).isEqualTo(303);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).startsWith("/dashboard/sign-in");
    }

    /** Every text value of every row of every table that mentions sessions, if there is one. */
    private List<String> storedStrings() {
        List<String> tables = jdbc.sql(dialectTablesQuery()).query(String.class).list();
        return tables.stream()
                .filter(t -> t.contains("session"))
                .flatMap(t -> jdbc.sql("SELECT * FROM " + t).query().listOfRows().stream())
                .flatMap(row -> row.values().stream())
                .filter(v -> v instanceof String)
                .map(v -> (String) v)
                .toList();
    }

    private static String dialectTablesQuery() {
        return "SELECT name FROM sqlite_master WHERE type = 'table'";
    }
}

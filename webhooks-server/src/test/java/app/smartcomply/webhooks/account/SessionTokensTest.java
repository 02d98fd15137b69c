package app.smartcomply.webhooks.account;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Dashboard sessions: what opens one, and everything that must end or refuse it. */
class SessionTokensTest extends WebhooksAppTest {

    @Autowired
    SessionTokens sessions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCustomerKeyOpensASessionForItsAccountOnly() {
        ApiClient.Answer account = api().createAccount(ADMIN_KEY, "Acme");
        SessionTokens.Issued issued =
                sessions.signIn("  " + account.text("api_key") + "\n").orElseThrow();

        SessionTokens.Session session = sessions.verify(issued.token()).orElseThrow();
        assertThat(session.accountId()).isEqualTo(account.text("id"));
        assertThat(session.csrfToken()).isEqualTo(issued.session().csrfToken()).hasSizeGreaterThan(40);
        assertThat(issued.token()).doesNotContain(account.text("api_key").substring(8));
        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    @Test
    void nothingButAValidCustomerKeyOpensOne() {
        assertThat(sessions.signIn(ADMIN_KEY)).isEmpty();
        assertThat(sessions.signIn("sc_live_0000000000000000000000000000000000000000"))
                .isEmpty();
        assertThat(sessions.signIn("")).isEmpty();
        assertThat(sessions.signIn(null)).isEmpty();
    }

    @Test
    void aTamperedOrUnknownTokenIsRefused() {
        String token = sessions.signIn(api().createAccount(ADMIN_KEY, "Acme").text("api_key"))
                .orElseThrow()
                .token();
        char last = token.charAt(token.length() - 1);
        String flipped = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(sessions.verify(flipped)).isEmpty();
        assertThat(sessions.verify(token + "x")).isEmpty();
        assertThat(sessions.verify("v2." + "A".repeat(43))).isEmpty();
        assertThat(sessions.verify("garbage")).isEmpty();
        assertThat(sessions.verify(token)).isPresent();
    }

    @Test
    void theDatabaseHoldsNeitherTheTokenNorTheFormToken() {
        SessionTokens.Issued issued = sessions.signIn(
                        api().createAccount(ADMIN_KEY, "Acme").text("api_key"))
                .orElseThrow();
        String stored = jdbc.sql("SELECT token_mac || account_id || api_key_id FROM dashboard_sessions")
                .query(String.class)
                .list()
                .toString();
        assertThat(stored)
                .doesNotContain(issued.token().substring(3))
                .doesNotContain(issued.session().csrfToken());
    }

    @Test
    void signingOutEndsTheSession() {
        String token = sessions.signIn(api().createAccount(ADMIN_KEY, "Acme").text("api_key"))
                .orElseThrow()
                .token();
        sessions.signOut(token);
        assertThat(sessions.verify(token)).isEmpty();
    }

    @Test
    void aSessionEndsWhenItsLifetimeIsOver() {
        String token = sessions.signIn(api().createAccount(ADMIN_KEY, "Acme").text("api_key"))
                .orElseThrow()
                .token();
        clock.advance(sessions.lifetime().minus(Duration.ofSeconds(1)));
        assertThat(sessions.verify(token)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.verify(token)).isEmpty();
    }

    @Test
    void revokingTheKeyEndsItsSessions() {
        String key = api().createAccount(ADMIN_KEY, "Acme").text("api_key");
        SessionTokens.Issued issued = sessions.signIn(key).orElseThrow();
        String token = issued.token();
        String keyId = issued.session().apiKeyId();

        jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ?")
                .params(clock.millis(), keyId)
                .update();

        assertThat(sessions.verify(token)).isEmpty();
        assertThat(sessions.signIn(key)).isEmpty();
    }
}

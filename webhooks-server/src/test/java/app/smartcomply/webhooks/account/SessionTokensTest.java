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

  @Autowired SessionTokens sessions;
  @Autowired JdbcClient jdbc;

  @Test
  void aCustomerKeyOpensASessionForItsAccountOnly() {
    ApiClient.Answer account = api().createAccount(ADMIN_KEY, "Acme");
    SessionTokens.Issued issued = sessions.signIn("  " + account.text("api_key") + "\n").orElseThrow();

    SessionTokens.Session session = sessions.verify(issued.token()).orElseThrow();
    assertThat(session.accountId()).isEqualTo(account.text("id"));
    assertThat(session.csrfToken()).isEqualTo(issued.session().csrfToken()).hasSizeGreaterThan(40);
    assertThat(issued.token()).doesNotContain(account.text("api_key").substring(8));
    assertThat(issued.toString()).doesNotContain(issued.token());
  }

  @Test
  void nothingButAValidCustomerKeyOpensOne() {
    assertThat(sessions.signIn(ADMIN_KEY)).isEmpty();
    assertThat(sessions.signIn("sc_live_0000000000000000000000000000000000000000")).isEmpty();
    assertThat(sessions.signIn("")).isEmpty();
    assertThat(sessions.signIn(null)).isEmpty();
  }

  @Test
  void aTamperedTokenIsRefused() {
    String token = sessions.signIn(api().createAccount(ADMIN_KEY, "Acme").text("api_key")).orElseThrow().token();
    String otherToken = sessions.signIn(api().createAccount(ADMIN_KEY, "Other").text("api_key")).orElseThrow().token();
    String[] parts = token.split("\\.");
    String[] other = otherToken.split("\\.");

    String laterExpiry = String.join(".", parts[0], parts[1], String.valueOf(Long.parseLong(parts[2]) + 86_400_000L), parts[3], parts[4]);
    String otherKeyId = String.join(".", parts[0], other[1], parts[2], parts[3], parts[4]);
    char last = token.charAt(token.length() - 1);
    String flippedMac = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

    assertThat(sessions.verify(laterExpiry)).isEmpty();
    assertThat(sessions.verify(otherKeyId)).isEmpty();
    assertThat(sessions.verify(flippedMac)).isEmpty();
    assertThat(sessions.verify(token + "x")).isEmpty();
    assertThat(sessions.verify("garbage")).isEmpty();
    assertThat(sessions.verify(token)).isPresent();
  }

  @Test
  void aSessionEndsWhenItsLifetimeIsOver() {
    String token = sessions.signIn(api().createAccount(ADMIN_KEY, "Acme").text("api_key")).orElseThrow().token();
    clock.advance(sessions.lifetime().minus(Duration.ofSeconds(1)));
    assertThat(sessions.verify(token)).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(sessions.verify(token)).isEmpty();
  }

  @Test
  void revokingTheKeyEndsItsSessions() {
    String key = api().createAccount(ADMIN_KEY, "Acme").text("api_key");
    String token = sessions.signIn(key).orElseThrow().token();
    String keyId = token.split("\\.")[1];

    jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ?").params(clock.millis(), keyId).update();

    assertThat(sessions.verify(token)).isEmpty();
    assertThat(sessions.signIn(key)).isEmpty();
  }
}

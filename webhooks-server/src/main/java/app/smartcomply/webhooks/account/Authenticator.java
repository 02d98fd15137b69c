package app.smartcomply.webhooks.account;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns a bearer token into a {@link Caller}: the admin key means the platform, an unrevoked
 * {@code sc_live_} key means its account. Anything else is nobody.
 */
@Component
public class Authenticator {

  private final JdbcClient jdbc;
  private final AdminKey adminKey;

  Authenticator(JdbcClient jdbc, AdminKey adminKey) {
    this.jdbc = jdbc;
    this.adminKey = adminKey;
  }

  /** The caller the token proves, or empty if it proves nothing. Never logs the token. */
  public Optional<Caller> authenticate(String bearerToken) {
    if (bearerToken == null || bearerToken.isBlank() || bearerToken.length() > 200) {
      return Optional.empty();
    }
    if (bearerToken.startsWith(ApiKeyHasher.CUSTOMER_PREFIX)) {
      return jdbc.sql("SELECT account_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")
          .param(ApiKeyHasher.hash(bearerToken))
          .query(String.class)
          .optional()
          .map(Caller.Customer::new);
    }
    return adminKey.matches(bearerToken) ? Optional.of(new Caller.Platform()) : Optional.empty();
  }
}

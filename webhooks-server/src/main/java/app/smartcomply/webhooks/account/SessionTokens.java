package app.smartcomply.webhooks.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sign-in sessions for people (the dashboard), traded for a customer API key.
 *
 * <p>A session is a self-contained token, {@code v1.<key id>.<expires at>.<nonce>.<mac>}, that any
 * node can check without shared session storage. The MAC is keyed with the stored hash of the API
 * key that was used to sign in, so:
 *
 * <ul>
 *   <li>nobody can mint a token without having had the key (or the database);
 *   <li>revoking that API key ends every session opened with it, on every node, at once;
 *   <li>there is no extra secret to generate, distribute or rotate.
 * </ul>
 *
 * A token ends on its own after {@link #lifetime}; signing out deletes it from the browser. The
 * token never contains the API key or anything from which it can be recovered.
 */
@Component
public class SessionTokens {

  private static final String VERSION = "v1";
  private static final Pattern SHAPE =
      Pattern.compile("v1\\.key_[0-9a-f]{32}\\.[0-9]{1,15}\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Duration lifetime;

  SessionTokens(
      JdbcClient jdbc, Clock clock, @Value("${webhooks.dashboard.session-lifetime:PT12H}") Duration lifetime) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.lifetime = lifetime;
  }

  /** A signed-in session: whose data it may see, and its anti-forgery token for forms. */
  public record Session(String accountId, long expiresAt, String csrfToken) {
    @Override
    public String toString() {
      return "Session[" + accountId + "]";
    }
  }

  /** A new token and what it stands for. */
  public record Issued(String token, Session session) {
    @Override
    public String toString() {
      return "Issued[" + session.accountId() + "]";
    }
  }

  /** How long a session lasts from sign-in, whatever the user does meanwhile. */
  public Duration lifetime() {
    return lifetime;
  }

  /**
   * Opens a session for the holder of a customer key ({@code sc_live_…}). The admin key opens
   * nothing: the dashboard is for customers.
   *
   * @return empty if the key is not a valid, unrevoked customer key
   */
  public Optional<Issued> signIn(String apiKey) {
    String key = apiKey == null ? "" : apiKey.trim();
    if (!key.startsWith(ApiKeyHasher.CUSTOMER_PREFIX) || key.length() > 200) {
      return Optional.empty();
    }
    String hash = ApiKeyHasher.hash(key);
    record Row(String id, String accountId) {}
    return jdbc.sql("SELECT id, account_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")
        .param(hash)
        .query((rs, n) -> new Row(rs.getString(1), rs.getString(2)))
        .optional()
        .map(row -> {
          byte[] nonceBytes = new byte[16];
          RANDOM.nextBytes(nonceBytes);
          String unsigned = VERSION + "." + row.id() + "." + (clock.millis() + lifetime.toMillis()) + "."
              + BASE64URL.encodeToString(nonceBytes);
          String token = unsigned + "." + mac(hash, unsigned);
          return new Issued(token, verified(unsigned, hash, row.accountId()));
        });
  }

  /**
   * @return the session the token proves, or empty if it is malformed, forged, expired, or its
   *     API key has been revoked
   */
  public Optional<Session> verify(String token) {
    if (token == null || !SHAPE.matcher(token).matches()) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.");
    long expiresAt = Long.parseLong(parts[2]);
    if (clock.millis() >= expiresAt) {
      return Optional.empty();
    }
    String unsigned = token.substring(0, token.lastIndexOf('.'));
    record Key(String accountId, String hash) {}
    return jdbc.sql("SELECT account_id, key_hash FROM api_keys WHERE id = ? AND revoked_at IS NULL")
        .param(parts[1])
        .query((rs, n) -> new Key(rs.getString(1), rs.getString(2)))
        .optional()
        .filter(key -> MessageDigest.isEqual(
            mac(key.hash(), unsigned).getBytes(StandardCharsets.US_ASCII),
            parts[4].getBytes(StandardCharsets.US_ASCII)))
        .map(key -> verified(unsigned, key.hash(), key.accountId()));
  }

  private static Session verified(String unsigned, String keyHash, String accountId) {
    long expiresAt = Long.parseLong(unsigned.split("\\.")[2]);
    // Derived, not stored: the same session always has the same form token, on every node.
    return new Session(accountId, expiresAt, mac(keyHash, "csrf." + unsigned));
  }

  private static String mac(String keyHashHex, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(HexFormat.of().parseHex(keyHashHex), "HmacSHA256"));
      return BASE64URL.encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}

package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.endpoint.internal.SecretCipher;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.store.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reading half of {@link EndpointService}: an account's endpoints of one mode, one of them by
 * id, and the subscribers of a new event.
 *
 * <p>Every query names the account and the mode: an endpoint of another account or of the other
 * mode is never found, exactly like a missing one.
 */
final class EndpointQueries {

  /** The current v1a key (the newest without an expiry): its public key and key set, as one text. */
  private static final String CURRENT_SIGNING_KEY =
      " (SELECT k.public_key || ' ' || k.jwks_id FROM endpoint_signing_keys k WHERE k.endpoint_id = e.id"
          + "   AND k.expires_at IS NULL ORDER BY k.created_at DESC, k.id DESC LIMIT 1)";

  private static final String COLUMNS =
      "e.id, e.account_id, e.url, e.description, e.event_types, e.status, e.disabled_reason,"
          + " e.created_at, e.updated_at, e.failing_since, e.last_success_at, e.mode, e.kind,"
          + " (SELECT s.secret FROM endpoint_secrets s WHERE s.endpoint_id = e.id"
          + "   ORDER BY s.created_at DESC, s.id DESC LIMIT 1) AS newest_secret,"
          + CURRENT_SIGNING_KEY + " AS signing_key, e.filter";

  private final JdbcClient jdbc;
  private final SecretCipher cipher;

  EndpointQueries(JdbcClient jdbc, SecretCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  /** The account's endpoints of this mode, newest first. */
  Page<Endpoint> list(String accountId, ApiKeyMode mode, int limit, String startingAfter) {
    String sql =
        "SELECT " + COLUMNS + " FROM endpoints e WHERE e.account_id = ? AND e.mode = ? AND e.deleted_at IS NULL"
            + (startingAfter == null ? "" : " AND e.id < ?")
            + " ORDER BY e.id DESC LIMIT ?";
    var statement = jdbc.sql(sql).param(accountId).param(mode.wire());
    if (startingAfter != null) {
      statement = statement.param(startingAfter);
    }
    return Page.fromOverfetch(statement.param(limit + 1).query(this::map).list(), limit);
  }

  Optional<Endpoint> find(String accountId, ApiKeyMode mode, String id) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM endpoints e WHERE e.id = ? AND e.account_id = ? AND e.mode = ?"
                + " AND e.deleted_at IS NULL")
        .params(id, accountId, mode.wire())
        .query(this::map)
        .optional();
  }

  /**
   * The account's active endpoints of this mode that subscribe to the type, in id order. Only what
   * routing and a first attempt need: the full endpoint (with its decrypted secret hint) is not
   * wanted on the publish path, which runs this once per event inside the store's single writer.
   */
  List<Subscriber> activeSubscribers(String accountId, ApiKeyMode mode, String eventType) {
    return jdbc.sql(
            "SELECT id, url, event_types, filter FROM endpoints WHERE account_id = ? AND mode = ? AND status = 'active'"
                // Listen sessions are never sent to: the CLI streams their events itself.
                + " AND kind = 'http' AND deleted_at IS NULL ORDER BY id")
        .params(accountId, mode.wire())
        .query((rs, n) ->
            subscribes(rs.getString(3), eventType)
                ? new Subscriber(rs.getString(1), rs.getString(2), rs.getString(4)) : null)
        .list()
        .stream()
        .filter(Objects::nonNull)
        .toList();
  }

  private static boolean subscribes(String storedEventTypes, String eventType) {
    for (String type : storedEventTypes.split(",")) {
      if (type.equals("*") || type.equals(eventType)) {
        return true;
      }
    }
    return false;
  }

  private Endpoint map(ResultSet rs, int row) throws SQLException {
    String id = rs.getString("id");
    String newestSecret = rs.getString("newest_secret");
    return new Endpoint(
        id,
        rs.getString("account_id"),
        rs.getString("url"),
        rs.getString("description"),
        List.copyOf(Arrays.asList(rs.getString("event_types").split(","))),
        EndpointStatus.fromWireName(rs.getString("status")),
        rs.getString("disabled_reason"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"),
        nullableLong(rs, "failing_since"),
        nullableLong(rs, "last_success_at"),
        newestSecret == null ? null : SigningSecret.parse(cipher.decrypt(id, newestSecret)).masked(),
        ApiKeyMode.fromStored(rs.getString("mode")),
        signingKey(rs.getString("signing_key")),
        rs.getString("filter"),
        EndpointKind.fromStored(rs.getString("kind")));
  }

  private static PublicSigningKey signingKey(String publicKeyAndSet) {
    if (publicKeyAndSet == null) {
      return null;
    }
    int space = publicKeyAndSet.indexOf(' ');
    return new PublicSigningKey(publicKeyAndSet.substring(0, space), publicKeyAndSet.substring(space + 1));
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}

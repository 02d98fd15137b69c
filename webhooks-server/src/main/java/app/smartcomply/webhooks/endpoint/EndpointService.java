package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.endpoint.internal.DecryptedSecrets;
import app.smartcomply.webhooks.endpoint.internal.SecretCipher;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.error.NotFoundException;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.store.Page;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customers' endpoints: create, read, change, delete, rotate secrets, and the engine's view of
 * them (who subscribes to what; switching one off).
 *
 * <p>Every customer-facing method takes the caller's account id and treats another account's
 * endpoint exactly like a missing one.
 */
@Service
public class EndpointService {

  /** How stale {@code last_success_at} may be: see {@link #recordDeliveryOutcome}. */
  static final long LAST_SUCCESS_RESOLUTION_MS = 1_000;

  /** Longest a rotated-out secret may keep signing. */
  public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(7);

  static final int MAX_DESCRIPTION_LENGTH = 500;

  /** Reads and writes of one PATCH before it gives up on a status that keeps changing under it. */
  private static final int MAX_UPDATE_ATTEMPTS = 3;

  private static final String COLUMNS =
      "e.id, e.account_id, e.url, e.description, e.event_types, e.status, e.disabled_reason,"
          + " e.created_at, e.updated_at, e.failing_since, e.last_success_at,"
          + " (SELECT s.secret FROM endpoint_secrets s WHERE s.endpoint_id = e.id"
          + "   ORDER BY s.created_at DESC, s.id DESC LIMIT 1) AS newest_secret";

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final PrefixedIds ids;
  private final Clock clock;
  private final SecretCipher cipher;
  private final DecryptedSecrets decrypted;
  private final DestinationPolicy destinations;
  private final EventCatalog catalog;
  private final ApplicationEventPublisher events;
  private final EndpointCap cap;

  EndpointService(
      JdbcClient jdbc,
      TransactionTemplate tx,
      PrefixedIds ids,
      Clock clock,
      SecretCipher cipher,
      DestinationPolicy destinations,
      EventCatalog catalog,
      ApplicationEventPublisher events,
      EndpointCap cap) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.ids = ids;
    this.clock = clock;
    this.cipher = cipher;
    this.decrypted = new DecryptedSecrets(cipher);
    this.destinations = destinations;
    this.catalog = catalog;
    this.events = events;
    this.cap = cap;
  }

  /** Registers an endpoint, active, with a fresh signing secret returned here in full (within {@link EndpointCap}). */
  public CreatedEndpoint create(String accountId, String url, List<String> eventTypes, String description) {
    String normalizedUrl = validUrl(url);
    List<String> types = SubscriptionRules.normalize(eventTypes, catalog);
    String desc = validDescription(description);
    SigningSecret secret = SigningSecret.generate();
    return tx.execute(
        status -> {
          cap.checkRoomFor(accountId);
          long now = clock.millis();
          String id = ids.next("whe_");
          jdbc.sql(
                  "INSERT INTO endpoints (id, account_id, url, description, event_types, status,"
                      + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?)")
              .params(id, accountId, normalizedUrl, desc, String.join(",", types), now, now)
              .update();
          insertSecret(id, secret, now);
          return new CreatedEndpoint(get(accountId, id), secret.value());
        });
  }

  /** The account's endpoints, newest first. */
  public Page<Endpoint> list(String accountId, int limit, String startingAfter) {
    String sql =
        "SELECT " + COLUMNS + " FROM endpoints e WHERE e.account_id = ? AND e.deleted_at IS NULL"
            + (startingAfter == null ? "" : " AND e.id < ?")
            + " ORDER BY e.id DESC LIMIT ?";
    var statement = jdbc.sql(sql).param(accountId);
    if (startingAfter != null) {
      statement = statement.param(startingAfter);
    }
    return Page.fromOverfetch(statement.param(limit + 1).query(this::map).list(), limit);
  }

  /** One endpoint of the account. @throws NotFoundException if it has none by that id */
  public Endpoint get(String accountId, String id) {
    return find(accountId, id).orElseThrow(() -> new NotFoundException("endpoint", id, "id"));
  }

  public Optional<Endpoint> find(String accountId, String id) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM endpoints e WHERE e.id = ? AND e.account_id = ?"
                + " AND e.deleted_at IS NULL")
        .params(id, accountId)
        .query(this::map)
        .optional();
  }

  /**
   * Applies a PATCH. Re-enabling clears the failure record and the disabled reason.
   *
   * <p>The change is written only over the status it was computed from: if the service disabled
   * the endpoint meanwhile (PostgreSQL reads committed data, so another transaction can commit
   * between this one's read and write), it is computed again from the new status. Otherwise a
   * PATCH of the URL could switch the endpoint back on unnoticed, and its deliveries, held when it
   * was disabled, would never be released.
   */
  public Endpoint update(String accountId, String id, EndpointPatch patch) {
    Optional<String> url = patch.url().map(this::validUrl);
    Optional<String> types =
        patch.eventTypes().map(t -> String.join(",", SubscriptionRules.normalize(t, catalog)));
    // Validated up front, outside the transaction; "" (clear) becomes null, so no Optional here.
    String description = patch.description().map(EndpointService::validDescription).orElse(null);
    return tx.execute(
        status -> {
          for (int attempt = 1; ; attempt++) {
            Endpoint current = get(accountId, id);
            long now = clock.millis();
            EndpointStatus newStatus = patch.status().orElse(current.status());
            boolean reenabled = current.status() == EndpointStatus.DISABLED && newStatus == EndpointStatus.ACTIVE;
            String reason =
                newStatus == EndpointStatus.ACTIVE
                    ? null
                    : current.status() == EndpointStatus.DISABLED ? current.disabledReason() : "Disabled by the account.";
            int written = jdbc.sql(
                    "UPDATE endpoints SET url = ?, event_types = ?, description = ?, status = ?,"
                        + " disabled_reason = ?, failing_since = ?, updated_at = ? WHERE id = ? AND status = ?")
                .params(
                    url.orElse(current.url()),
                    types.orElse(String.join(",", current.eventTypes())),
                    patch.description().isPresent() ? description : current.description(),
                    newStatus.wireName(),
                    reason,
                    reenabled ? null : current.failingSince(),
                    now,
                    id,
                    current.status().wireName())
                .update();
            if (written == 1) {
              events.publishEvent(new EndpointUpdated(accountId, id, now, current.status(), newStatus));
              return get(accountId, id);
            }
            if (attempt == MAX_UPDATE_ATTEMPTS) {
              throw new ConflictException("endpoint_changed", "status",
                  "The endpoint changed while this update was applied. Read it again and retry.");
            }
          }
        });
  }

  /** Deletes the endpoint; its pending deliveries are cancelled in the same transaction. */
  public void delete(String accountId, String id) {
    tx.executeWithoutResult(
        status -> {
          get(accountId, id);
          long now = clock.millis();
          jdbc.sql("UPDATE endpoints SET deleted_at = ?, status = 'disabled', updated_at = ? WHERE id = ?")
              .params(now, now, id)
              .update();
          events.publishEvent(new EndpointDeleted(accountId, id, now));
        });
  }

  /**
   * Starts signing with a new secret. The current ones keep signing, listed before the new one,
   * until {@code now + gracePeriod}; a zero grace period retires them at once.
   */
  public RotatedSecret rotateSecret(String accountId, String id, Duration gracePeriod) {
    if (gracePeriod.isNegative() || gracePeriod.compareTo(MAX_GRACE_PERIOD) > 0) {
      throw new InvalidInputException(
          "invalid_grace_period",
          "grace_period_seconds",
          "grace_period_seconds must be between 0 and " + MAX_GRACE_PERIOD.toSeconds() + " (7 days).");
    }
    SigningSecret secret = SigningSecret.generate();
    return tx.execute(
        status -> {
          get(accountId, id);
          long now = clock.millis();
          long expiresAt = now + gracePeriod.toMillis();
          jdbc.sql(
                  "UPDATE endpoint_secrets SET expires_at = ? WHERE endpoint_id = ?"
                      + " AND (expires_at IS NULL OR expires_at > ?)")
              .params(expiresAt, id, expiresAt)
              .update();
          insertSecret(id, secret, now + 1);
          jdbc.sql("UPDATE endpoints SET updated_at = ? WHERE id = ?").params(now, id).update();
          return new RotatedSecret(id, secret.value(), expiresAt);
        });
  }

  /** The account's active endpoints that subscribe to the type, in id order — the fan-out of one event. */
  public List<Subscriber> activeSubscribers(String accountId, String eventType) {
    // Only what routing and a first attempt need: the full endpoint (with its decrypted secret
    // hint) is not wanted on the publish path, which runs this once per event inside the store's
    // single writer.
    return jdbc.sql(
            "SELECT id, url, event_types FROM endpoints WHERE account_id = ? AND status = 'active'"
                + " AND deleted_at IS NULL ORDER BY id")
        .param(accountId)
        .query((rs, n) -> subscribes(rs.getString(3), eventType) ? new Subscriber(rs.getString(1), rs.getString(2)) : null)
        .list()
        .stream()
        .filter(java.util.Objects::nonNull)
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

  /**
   * The secrets that sign for an endpoint at this moment, oldest first, newest last — the order
   * of the {@code v1=} entries in the signature header.
   */
  public List<SigningSecret> signingSecrets(String endpointId) {
    return signingSecrets(List.of(endpointId)).getOrDefault(endpointId, List.of());
  }

  /**
   * The signing secrets of several endpoints at once, each list oldest first — one query and one
   * decryption per secret for a whole claimed batch, instead of one of each per attempt.
   * Endpoints without a live secret are absent from the map.
   */
  public java.util.Map<String, List<SigningSecret>> signingSecrets(java.util.Collection<String> endpointIds) {
    if (endpointIds.isEmpty()) {
      return java.util.Map.of();
    }
    long now = clock.millis();
    java.util.Map<String, List<SigningSecret>> secrets = new java.util.HashMap<>();
    jdbc.sql("SELECT endpoint_id, secret FROM endpoint_secrets WHERE endpoint_id IN (:ids)"
            + " AND (expires_at IS NULL OR expires_at > :now) ORDER BY endpoint_id, created_at, id")
        .param("ids", List.copyOf(new java.util.LinkedHashSet<>(endpointIds)))
        .param("now", now)
        .query((rs, n) -> {
          String endpointId = rs.getString(1);
          secrets.computeIfAbsent(endpointId, id -> new java.util.ArrayList<>())
              .add(decrypted.get(endpointId, rs.getString(2)));
          return null;
        })
        .list();
    return secrets;
  }

  /**
   * Remembers how a delivery attempt went, for auto-disable: a success ends the current run of
   * failures, a failure starts one if none is running.
   *
   * <p>Writes only when something changes: a run of failures starts or ends, or the last success
   * is more than {@value #LAST_SUCCESS_RESOLUTION_MS} ms old. Every recorded group of attempts
   * comes through here, thousands a second under load, and each write also locks the endpoint's
   * row until its transaction commits; so {@code last_success_at} is kept to the second (the
   * dashboard shows it as "… ago").
   *
   * @return when the current run of failures began, or null after a success
   */
  public Long recordDeliveryOutcome(String endpointId, boolean succeeded, long at) {
    if (succeeded) {
      jdbc.sql("UPDATE endpoints SET failing_since = NULL, last_success_at = ? WHERE id = ?"
              + " AND (failing_since IS NOT NULL OR last_success_at IS NULL OR last_success_at <= ?)")
          .params(at, endpointId, at - LAST_SUCCESS_RESOLUTION_MS)
          .update();
      return null;
    }
    jdbc.sql("UPDATE endpoints SET failing_since = ? WHERE id = ? AND failing_since IS NULL")
        .params(at, endpointId)
        .update();
    return jdbc.sql("SELECT failing_since FROM endpoints WHERE id = ?")
        .param(endpointId)
        .query(Long.class)
        .optional()
        .orElse(null);
  }

  /**
   * Turns an endpoint off on the service's own initiative and announces it with {@link
   * EndpointDisabled}. Does nothing if it is already off. Joins the caller's transaction.
   */
  public void disableAutomatically(String endpointId, String reason) {
    tx.executeWithoutResult(
        status -> {
          long now = clock.millis();
          int changed =
              jdbc.sql(
                      "UPDATE endpoints SET status = 'disabled', disabled_reason = ?, updated_at = ?"
                          + " WHERE id = ? AND status = 'active' AND deleted_at IS NULL")
                  .params(reason, now, endpointId)
                  .update();
          if (changed == 1) {
            record Row(String accountId, String url, Long failingSince) {}
            Row row =
                jdbc.sql("SELECT account_id, url, failing_since FROM endpoints WHERE id = ?")
                    .param(endpointId)
                    .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), nullableLong(rs, 3)))
                    .single();
            events.publishEvent(
                new EndpointDisabled(row.accountId(), endpointId, row.url(), reason, now, row.failingSince()));
          }
        });
  }

  private void insertSecret(String endpointId, SigningSecret secret, long createdAt) {
    jdbc.sql("INSERT INTO endpoint_secrets (id, endpoint_id, secret, created_at) VALUES (?, ?, ?, ?)")
        .params(ids.next("whs_"), endpointId, cipher.encrypt(endpointId, secret.value()), createdAt)
        .update();
  }

  private String validUrl(String url) {
    if (url == null || url.isBlank()) {
      throw new InvalidInputException("url_required", "url", "url is required.");
    }
    try {
      return destinations.validateUrl(url.trim()).toString();
    } catch (InvalidDestinationException e) {
      throw new InvalidInputException(e.code(), "url", e.getMessage());
    }
  }

  private static String validDescription(String description) {
    if (description == null || description.isBlank()) {
      return null;
    }
    if (description.length() > MAX_DESCRIPTION_LENGTH) {
      throw new InvalidInputException(
          "description_too_long", "description", "description is limited to " + MAX_DESCRIPTION_LENGTH + " characters.");
    }
    return description;
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
        newestSecret == null ? null : SigningSecret.parse(cipher.decrypt(id, newestSecret)).masked());
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}

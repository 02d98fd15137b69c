package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
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
 * <p>Every customer-facing method takes the caller's account id and mode, and treats another
 * account's endpoint, or one of the other mode, exactly like a missing one.
 */
@Service
public class EndpointService {

  /** How stale {@code last_success_at} may be: see {@link #recordDeliveryOutcome}. */
  static final long LAST_SUCCESS_RESOLUTION_MS = 1_000;

  /** Longest a rotated-out secret may keep signing. */
  public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(7);

  /** Reads and writes of one PATCH before it gives up on a status that keeps changing under it. */
  private static final int MAX_UPDATE_ATTEMPTS = 3;

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final PrefixedIds ids;
  private final Clock clock;
  private final SecretCipher cipher;
  private final DecryptedSecrets decrypted;
  private final DestinationPolicy destinations;
  private final EventCatalog catalog;
  private final ApplicationEventPublisher events;
  private final EndpointQueries queries;
  private final EndpointAudit audit;
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
      AuditLog auditLog,
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
    this.queries = new EndpointQueries(jdbc, cipher);
    this.audit = new EndpointAudit(auditLog);
    this.cap = cap;
  }

  /**
   * Registers an endpoint of this mode, active, with a fresh signing secret returned here in full
   * (within {@link EndpointCap}); audited.
   */
  public CreatedEndpoint create(
      String accountId, ApiKeyMode mode, String url, List<String> eventTypes, String description,
      AuditContext context) {
    String normalizedUrl = validUrl(url);
    List<String> types = SubscriptionRules.normalize(eventTypes, catalog);
    String desc = EndpointFields.validDescription(description);
    SigningSecret secret = SigningSecret.generate();
    return tx.execute(
        status -> {
          cap.checkRoomFor(accountId);
          long now = clock.millis();
          String id = ids.next("whe_");
          jdbc.sql(
                  "INSERT INTO endpoints (id, account_id, mode, url, description, event_types, status,"
                      + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)")
              .params(id, accountId, mode.wire(), normalizedUrl, desc, String.join(",", types), now, now)
              .update();
          insertSecret(id, secret, now);
          Endpoint created = get(accountId, mode, id);
          audit.created(context, created);
          return new CreatedEndpoint(created, secret.value());
        });
  }

  /** The account's endpoints of this mode, newest first. */
  public Page<Endpoint> list(String accountId, ApiKeyMode mode, int limit, String startingAfter) {
    return queries.list(accountId, mode, limit, startingAfter);
  }

  /** One endpoint of the account and mode. @throws NotFoundException if it has none by that id */
  public Endpoint get(String accountId, ApiKeyMode mode, String id) {
    return find(accountId, mode, id).orElseThrow(() -> new NotFoundException("endpoint", id, "id"));
  }

  public Optional<Endpoint> find(String accountId, ApiKeyMode mode, String id) {
    return queries.find(accountId, mode, id);
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
  public Endpoint update(String accountId, ApiKeyMode mode, String id, EndpointPatch patch, AuditContext context) {
    Optional<String> url = patch.url().map(this::validUrl);
    Optional<String> types =
        patch.eventTypes().map(t -> String.join(",", SubscriptionRules.normalize(t, catalog)));
    // Validated up front, outside the transaction; "" (clear) becomes null, so no Optional here.
    String description = patch.description().map(EndpointFields::validDescription).orElse(null);
    return tx.execute(
        status -> {
          for (int attempt = 1; ; attempt++) {
            Endpoint current = get(accountId, mode, id);
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
              Endpoint updated = get(accountId, mode, id);
              audit.updated(context, current, updated);
              return updated;
            }
            if (attempt == MAX_UPDATE_ATTEMPTS) {
              throw new ConflictException("endpoint_changed", "status",
                  "The endpoint changed while this update was applied. Read it again and retry.");
            }
          }
        });
  }

  /** Deletes the endpoint; its pending deliveries are cancelled in the same transaction. */
  public void delete(String accountId, ApiKeyMode mode, String id, AuditContext context) {
    tx.executeWithoutResult(
        status -> {
          audit.deleted(context, get(accountId, mode, id));
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
  public RotatedSecret rotateSecret(
      String accountId, ApiKeyMode mode, String id, Duration gracePeriod, AuditContext context) {
    if (gracePeriod.isNegative() || gracePeriod.compareTo(MAX_GRACE_PERIOD) > 0) {
      throw new InvalidInputException(
          "invalid_grace_period",
          "grace_period_seconds",
          "grace_period_seconds must be between 0 and " + MAX_GRACE_PERIOD.toSeconds() + " (7 days).");
    }
    SigningSecret secret = SigningSecret.generate();
    return tx.execute(
        status -> {
          get(accountId, mode, id);
          long now = clock.millis();
          long expiresAt = now + gracePeriod.toMillis();
          jdbc.sql(
                  "UPDATE endpoint_secrets SET expires_at = ? WHERE endpoint_id = ?"
                      + " AND (expires_at IS NULL OR expires_at > ?)")
              .params(expiresAt, id, expiresAt)
              .update();
          insertSecret(id, secret, now + 1);
          jdbc.sql("UPDATE endpoints SET updated_at = ? WHERE id = ?").params(now, id).update();
          audit.secretRotated(context, accountId, id);
          return new RotatedSecret(id, secret.value(), expiresAt);
        });
  }

  /**
   * The account's active endpoints of this mode that subscribe to the type, in id order — the
   * fan-out of one event of that mode.
   */
  public List<Subscriber> activeSubscribers(String accountId, ApiKeyMode mode, String eventType) {
    return queries.activeSubscribers(accountId, mode, eventType);
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
            record Row(String accountId, String url, Long failingSince, ApiKeyMode mode) {}
            Row row =
                jdbc.sql("SELECT account_id, url, failing_since, mode FROM endpoints WHERE id = ?")
                    .param(endpointId)
                    .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), nullableLong(rs, 3),
                        ApiKeyMode.fromStored(rs.getString(4))))
                    .single();
            events.publishEvent(new EndpointDisabled(
                row.accountId(), row.mode(), endpointId, row.url(), reason, now, row.failingSince()));
            audit.disabledByService(row.accountId(), endpointId, reason);
          }
        });
  }

  private void insertSecret(String endpointId, SigningSecret secret, long createdAt) {
    jdbc.sql("INSERT INTO endpoint_secrets (id, endpoint_id, secret, created_at) VALUES (?, ?, ?, ?)")
        .params(ids.next("whs_"), endpointId, cipher.encrypt(endpointId, secret.value()), createdAt)
        .update();
  }

  private String validUrl(String url) {
    return EndpointFields.validUrl(destinations, url);
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}

package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.endpoint.internal.SecretCipher;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.InvalidInputException;
import app.smartcomply.webhooks.error.NotFoundException;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.store.Page;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customers' endpoints: create, read, change, delete, rotate secrets. The engine's and the publish
 * path's view of them (who subscribes to what, the secrets that sign, switching one off) is {@link
 * EndpointsForDelivery}.
 *
 * <p>Every customer-facing method takes the caller's account id and mode, and treats another
 * account's endpoint, or one of the other mode, exactly like a missing one.
 */
@Service
public class EndpointService {

    /** Longest a rotated-out secret may keep signing. */
    public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(7);

    /** Reads and writes of one PATCH before it gives up on a status that keeps changing under it. */
    private static final int MAX_UPDATE_ATTEMPTS = 3;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PrefixedIds ids;
    private final Clock clock;
    private final SecretCipher cipher;
    private final DestinationPolicy destinations;
    private final EventCatalog catalog;
    private final ApplicationEventPublisher events;
    private final EndpointQueries queries;
    private final EndpointMetadata metadata;
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
        this.destinations = destinations;
        this.catalog = catalog;
        this.events = events;
        this.metadata = new EndpointMetadata(jdbc);
        this.queries = new EndpointQueries(jdbc, cipher, metadata);
        this.audit = new EndpointAudit(auditLog);
        this.cap = cap;
    }

    /**
     * Registers an endpoint of this mode, active, with a fresh signing secret returned here in full
     * (within {@link EndpointCap}); audited.
     */
    public CreatedEndpoint create(
            String accountId,
            ApiKeyMode mode,
            String url,
            List<String> eventTypes,
            String description,
            AuditContext context) {
        return create(accountId, mode, url, eventTypes, description, Map.of(), context);
    }

    /**
     * As {@link #create(String, ApiKeyMode, String, List, String, AuditContext)}, with custom headers
     * for every delivery (see {@link CustomHeaderRules}), stored encrypted.
     */
    public CreatedEndpoint create(
            String accountId,
            ApiKeyMode mode,
            String url,
            List<String> eventTypes,
            String description,
            Map<String, String> headers,
            AuditContext context) {
        return create(accountId, mode, url, eventTypes, description, headers, Map.of(), context);
    }

    /** As above, with the customer's metadata (see {@link EndpointMetadata}). */
    public CreatedEndpoint create(
            String accountId,
            ApiKeyMode mode,
            String url,
            List<String> eventTypes,
            String description,
            Map<String, String> headers,
            Map<String, String> metadata,
            AuditContext context) {
        List<CustomHeader> custom = CustomHeaderRules.validate(headers);
        Map<String, String> labels = EndpointMetadata.validate(metadata);
        String normalizedUrl = validUrl(url);
        List<String> types = SubscriptionRules.normalize(eventTypes, catalog);
        String desc = EndpointFields.validDescription(description);
        SigningSecret secret = SigningSecret.generate();
        return tx.execute(status -> {
            cap.checkRoomFor(accountId);
            long now = clock.millis();
            String id = ids.next("whe_");
            jdbc.sql("INSERT INTO endpoints (id, account_id, mode, url, description, event_types, status,"
                            + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)")
                    .params(id, accountId, mode.wire(), normalizedUrl, desc, String.join(",", types), now, now)
                    .update();
            insertSecret(id, secret, now);
            writeHeaders(id, custom);
            this.metadata.replace(id, labels);
            Endpoint created = get(accountId, mode, id);
            audit.created(context, created);
            return new CreatedEndpoint(created, secret.value());
        });
    }

    /** The account's endpoints of this mode, newest first. */
    public Page<Endpoint> list(String accountId, ApiKeyMode mode, int limit, String startingAfter) {
        return list(accountId, mode, limit, startingAfter, Map.of());
    }

    /**
     * The account's endpoints of this mode that carry every one of the metadata pairs, newest
     * first. @throws InvalidInputException if a key could never be one ({@code param}
     * {@code metadata[key]})
     */
    public Page<Endpoint> list(
            String accountId, ApiKeyMode mode, int limit, String startingAfter, Map<String, String> metadata) {
        metadata.keySet().forEach(EndpointMetadata::checkFilterKey);
        return queries.list(accountId, mode, limit, startingAfter, metadata);
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
        Optional<String> types = patch.eventTypes().map(t -> String.join(",", SubscriptionRules.normalize(t, catalog)));
        // Validated up front, outside the transaction; "" (clear) becomes null, so no Optional here.
        String description =
                patch.description().map(EndpointFields::validDescription).orElse(null);
        Optional<List<CustomHeader>> headers = patch.headers().map(CustomHeaderRules::validate);
        Optional<Map<String, String>> labels = patch.metadata().map(EndpointMetadata::validate);
        return tx.execute(status -> {
            for (int attempt = 1; ; attempt++) {
                Endpoint current = get(accountId, mode, id);
                long now = clock.millis();
                EndpointStatus newStatus = patch.status().orElse(current.status());
                boolean reenabled = current.status() == EndpointStatus.DISABLED && newStatus == EndpointStatus.ACTIVE;
                String reason = newStatus == EndpointStatus.ACTIVE
                        ? null
                        : current.status() == EndpointStatus.DISABLED
                                ? current.disabledReason()
                                : "Disabled by the account.";
                int written = jdbc.sql("UPDATE endpoints SET url = ?, event_types = ?, description = ?, status = ?,"
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
                    headers.ifPresent(replacement -> writeHeaders(id, replacement));
                    labels.ifPresent(replacement -> metadata.replace(id, replacement));
                    events.publishEvent(new EndpointUpdated(accountId, id, now, current.status(), newStatus));
                    Endpoint updated = get(accountId, mode, id);
                    audit.updated(context, current, updated, headers.isPresent());
                    return updated;
                }
                if (attempt == MAX_UPDATE_ATTEMPTS) {
                    throw new ConflictException(
                            "endpoint_changed",
                            "status",
                            "The endpoint changed while this update was applied. Read it again and retry.");
                }
            }
        });
    }

    /** Deletes the endpoint; its pending deliveries are cancelled in the same transaction. */
    public void delete(String accountId, ApiKeyMode mode, String id, AuditContext context) {
        tx.executeWithoutResult(status -> {
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
        return tx.execute(status -> {
            get(accountId, mode, id);
            long now = clock.millis();
            long expiresAt = now + gracePeriod.toMillis();
            jdbc.sql("UPDATE endpoint_secrets SET expires_at = ? WHERE endpoint_id = ?"
                            + " AND (expires_at IS NULL OR expires_at > ?)")
                    .params(expiresAt, id, expiresAt)
                    .update();
            insertSecret(id, secret, now + 1);
            jdbc.sql("UPDATE endpoints SET updated_at = ? WHERE id = ?")
                    .params(now, id)
                    .update();
            audit.secretRotated(context, accountId, id);
            return new RotatedSecret(id, secret.value(), expiresAt);
        });
    }

    private void insertSecret(String endpointId, SigningSecret secret, long createdAt) {
        jdbc.sql("INSERT INTO endpoint_secrets (id, endpoint_id, secret, created_at) VALUES (?, ?, ?, ?)")
                .params(ids.next("whs_"), endpointId, cipher.encrypt(endpointId, secret.value()), createdAt)
                .update();
    }

    /** Replaces the endpoint's custom headers: names in clear for reads, the whole sealed. */
    private void writeHeaders(String endpointId, List<CustomHeader> headers) {
        jdbc.sql("UPDATE endpoints SET custom_header_names = ?, custom_headers = ? WHERE id = ?")
                .params(StoredHeaders.names(headers), StoredHeaders.seal(cipher, endpointId, headers), endpointId)
                .update();
    }

    private String validUrl(String url) {
        return EndpointFields.validUrl(destinations, url);
    }
}

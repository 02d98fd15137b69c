package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.endpoint.AccountEndpointLists.ListedEndpoint;
import app.smartcomply.webhooks.endpoint.internal.DecryptedSecrets;
import app.smartcomply.webhooks.endpoint.internal.SecretCipher;
import app.smartcomply.webhooks.signature.SigningSecret;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Endpoints as the publish path and the delivery engine use them: who subscribes to an event, the
 * secrets that sign an endpoint's deliveries, and its delivery health (the run of failures that
 * leads to automatic disabling). The customer-facing half — create, read, change, delete, rotate —
 * is {@link EndpointService}.
 *
 * <p>These methods name no account: their callers already hold an endpoint id that came from the
 * store, or the account of an event being published.
 */
@Service
public class EndpointsForDelivery {

    /** How stale {@code last_success_at} may be: see {@link #recordDeliveryOutcome}. */
    static final long LAST_SUCCESS_RESOLUTION_MS = 1_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DecryptedSecrets decrypted;
    private final ApplicationEventPublisher events;
    private final EndpointAudit audit;
    private final DeliveryHeaders headers;
    private final SigningKeyCache signingKeys;
    private final AccountEndpointLists lists;

    EndpointsForDelivery(
            JdbcClient jdbc,
            TransactionTemplate tx,
            Clock clock,
            SecretCipher cipher,
            ApplicationEventPublisher events,
            AuditLog auditLog,
            DeliveryHeaders headers,
            SigningKeyCache signingKeys,
            AccountEndpointLists lists) {
        this.headers = headers;
        this.lists = lists;
        this.signingKeys = signingKeys;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.decrypted = new DecryptedSecrets(cipher);
        this.events = events;
        this.audit = new EndpointAudit(auditLog);
    }

    /**
     * The account's active endpoints of this mode that subscribe to the type, in id order — the
     * fan-out of one event of that mode.
     */
    public List<Subscriber> activeSubscribers(String accountId, ApiKeyMode mode, String eventType) {
        return lists.of(accountId, mode).stream()
                .filter(endpoint -> endpoint.subscribes(eventType))
                .map(ListedEndpoint::subscriber)
                .toList();
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
     * Endpoints without a live secret are absent from the map. Their custom headers, read in the
     * same query, are handed to {@link DeliveryHeaders} for the attempts, and their {@code v1a}
     * keys, where not read in the last few seconds, are read for them too ({@link SigningKeyCache}):
     * an attempt itself reads nothing.
     */
    public Map<String, List<SigningSecret>> signingSecrets(Collection<String> endpointIds) {
        if (endpointIds.isEmpty()) {
            return Map.of();
        }
        long now = clock.millis();
        Map<String, List<SigningSecret>> secrets = new HashMap<>();
        // The endpoint's custom headers come along (a primary-key join), for the batch's attempts.
        jdbc.sql(
                        "SELECT s.endpoint_id, s.secret, e.custom_headers FROM endpoint_secrets s"
                                + " JOIN endpoints e ON e.id = s.endpoint_id WHERE s.endpoint_id IN (:ids)"
                                + " AND (s.expires_at IS NULL OR s.expires_at > :now) ORDER BY s.endpoint_id, s.created_at, s.id")
                .param("ids", List.copyOf(new LinkedHashSet<>(endpointIds)))
                .param("now", now)
                .query((rs, n) -> {
                    String endpointId = rs.getString(1);
                    headers.remember(endpointId, rs.getString(3));
                    secrets.computeIfAbsent(endpointId, id -> new ArrayList<>())
                            .add(decrypted.get(endpointId, rs.getString(2)));
                    return null;
                })
                .list();
        signingKeys.refresh(endpointIds);
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
        tx.executeWithoutResult(status -> {
            long now = clock.millis();
            int changed = jdbc.sql("UPDATE endpoints SET status = 'disabled', disabled_reason = ?, updated_at = ?"
                            + " WHERE id = ? AND status = 'active' AND deleted_at IS NULL")
                    .params(reason, now, endpointId)
                    .update();
            if (changed == 1) {
                record Row(String accountId, String url, Long failingSince, ApiKeyMode mode) {}
                Row row = jdbc.sql("SELECT account_id, url, failing_since, mode FROM endpoints WHERE id = ?")
                        .param(endpointId)
                        .query((rs, n) -> new Row(
                                rs.getString(1),
                                rs.getString(2),
                                nullableLong(rs, 3),
                                ApiKeyMode.fromStored(rs.getString(4))))
                        .single();
                events.publishEvent(new EndpointDisabled(
                        row.accountId(), row.mode(), endpointId, row.url(), reason, now, row.failingSince()));
                audit.disabledByService(row.accountId(), endpointId, reason);
            }
        });
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}

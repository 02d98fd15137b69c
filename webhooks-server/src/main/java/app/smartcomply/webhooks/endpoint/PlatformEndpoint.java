package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.endpoint.internal.SecretCipher;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An endpoint the platform configures rather than a customer: its id is fixed, and its URL,
 * subscriptions and signing secret are whatever the operator's settings say at start-up. Used for
 * the operations webhooks ({@code WEBHOOKS_OPERATIONS_URL}).
 */
@Component
public class PlatformEndpoint {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PrefixedIds ids;
    private final Clock clock;
    private final SecretCipher cipher;
    private final DestinationPolicy destinations;
    private final ApplicationEventPublisher events;

    PlatformEndpoint(
            JdbcClient jdbc,
            TransactionTemplate tx,
            PrefixedIds ids,
            Clock clock,
            SecretCipher cipher,
            DestinationPolicy destinations,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
        this.cipher = cipher;
        this.destinations = destinations;
        this.events = events;
    }

    /**
     * Makes the endpoint exist, active, with this URL, these subscriptions and this secret as the
     * only one that signs — creating it, or bringing it in line (a new secret replaces the old at
     * once; a disabled one is enabled, its held deliveries released).
     *
     * @throws InvalidDestinationException if the destination policy refuses the URL
     */
    public void sync(String accountId, String endpointId, String url, SigningSecret secret, List<String> eventTypes) {
        String validUrl = destinations.validateUrl(url.trim()).toString();
        tx.executeWithoutResult(status -> {
            long now = clock.millis();
            jdbc.sql(
                            "INSERT INTO endpoints (id, account_id, url, description, event_types, status, created_at, updated_at)"
                                    + " VALUES (?, ?, ?, ?, ?, 'active', ?, ?) ON CONFLICT (id) DO NOTHING")
                    .params(
                            endpointId,
                            accountId,
                            validUrl,
                            "Platform operations webhooks (WEBHOOKS_OPERATIONS_URL)",
                            String.join(",", eventTypes),
                            now,
                            now)
                    .update();
            String previous = jdbc.sql("SELECT status FROM endpoints WHERE id = ?")
                    .param(endpointId)
                    .query(String.class)
                    .single();
            jdbc.sql("UPDATE endpoints SET url = ?, event_types = ?, status = 'active', disabled_reason = NULL,"
                            + " failing_since = CASE WHEN status = 'active' THEN failing_since ELSE NULL END, deleted_at = NULL,"
                            + " updated_at = ? WHERE id = ?")
                    .params(validUrl, String.join(",", eventTypes), now, endpointId)
                    .update();
            if (!currentSecret(endpointId).map(s -> s.equals(secret.value())).orElse(false)) {
                jdbc.sql(
                                "UPDATE endpoint_secrets SET expires_at = ? WHERE endpoint_id = ? AND (expires_at IS NULL OR expires_at > ?)")
                        .params(now, endpointId, now)
                        .update();
                jdbc.sql("INSERT INTO endpoint_secrets (id, endpoint_id, secret, created_at) VALUES (?, ?, ?, ?)")
                        .params(ids.next("whs_"), endpointId, cipher.encrypt(endpointId, secret.value()), now)
                        .update();
            }
            if (EndpointStatus.fromWireName(previous) == EndpointStatus.DISABLED) {
                events.publishEvent(new EndpointUpdated(
                        accountId, endpointId, now, EndpointStatus.DISABLED, EndpointStatus.ACTIVE));
            }
        });
    }

    /** Switches the endpoint off, if it exists and is on: the operator no longer wants its events. */
    public void retire(String accountId, String endpointId, String reason) {
        tx.executeWithoutResult(status -> {
            long now = clock.millis();
            int changed = jdbc.sql("UPDATE endpoints SET status = 'disabled', disabled_reason = ?, updated_at = ?"
                            + " WHERE id = ? AND status = 'active'")
                    .params(reason, now, endpointId)
                    .update();
            if (changed == 1) {
                events.publishEvent(new EndpointUpdated(
                        accountId, endpointId, now, EndpointStatus.ACTIVE, EndpointStatus.DISABLED));
            }
        });
    }

    /** The secret that signs for the endpoint now, newest first; empty if none. */
    private Optional<String> currentSecret(String endpointId) {
        long now = clock.millis();
        List<String> live = jdbc.sql("SELECT secret FROM endpoint_secrets WHERE endpoint_id = ?"
                        + " AND (expires_at IS NULL OR expires_at > ?) ORDER BY created_at DESC, id DESC")
                .params(endpointId, now)
                .query((rs, n) -> cipher.decrypt(endpointId, rs.getString(1)))
                .list();
        // Only a single live secret equal to the configured one needs no change.
        return live.size() == 1 ? Optional.of(live.getFirst()) : Optional.empty();
    }
}

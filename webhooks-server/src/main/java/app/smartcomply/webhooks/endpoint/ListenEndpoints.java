package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditChange;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.audit.AuditTarget;
import app.smartcomply.webhooks.catalog.EventCatalog;
import app.smartcomply.webhooks.endpoint.internal.SecretCipher;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The endpoints of kind {@link EndpointKind#LISTEN}: one per {@code webhooks listen} session. They
 * are listed, read and logged like any endpoint, but the delivery engine never sends to them (they
 * are no {@linkplain EndpointService#activeSubscribers subscriber}, and their URL, {@code
 * listen:<id>}, is no address the engine would accept). They count against no endpoint cap.
 *
 * <p>A session's {@code last_seen_at} is when its CLI was last connected; {@link #removeUnseen}
 * deletes the sessions unseen for longer than the idle time.
 */
@Service
public class ListenEndpoints {

    /** The URL scheme of a listen session: not http(s), so no sender would ever accept it. */
    public static final String URL_SCHEME = "listen:";

    /**
     * Most sessions an account keeps (per mode) until the sweep removes the idle ones. The CLI resumes
     * its session, so a developer needs few; without a bound, connecting and leaving in a loop would
     * add an endpoint row per request.
     */
    public static final int MAX_SESSIONS_PER_ACCOUNT = 100;

    private static final int MAX_DESCRIPTION = EndpointFields.MAX_DESCRIPTION_LENGTH;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PrefixedIds ids;
    private final Clock clock;
    private final SecretCipher cipher;
    private final EventCatalog catalog;
    private final EndpointQueries queries;
    private final AuditLog audit;

    ListenEndpoints(
            JdbcClient jdbc,
            TransactionTemplate tx,
            PrefixedIds ids,
            Clock clock,
            SecretCipher cipher,
            EventCatalog catalog,
            AuditLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
        this.cipher = cipher;
        this.catalog = catalog;
        this.queries = new EndpointQueries(jdbc, cipher, new EndpointMetadata(jdbc));
    }

    /**
     * Opens a session: an active endpoint of kind listen with a fresh signing secret, returned here
     * in full and never again. Audited ({@code listen_session.opened}, without the secret).
     *
     * @param eventTypes what it receives: catalog types, or {@code "*"} for all
     * @param description shown in the endpoint list (where the CLI forwards to); cut to the
     *     description limit
     * @throws app.smartcomply.webhooks.error.InvalidInputException for an unknown event type
     * @throws ConflictException {@code too_many_listen_sessions} past {@link #MAX_SESSIONS_PER_ACCOUNT}
     */
    public CreatedEndpoint open(
            String accountId, ApiKeyMode mode, List<String> eventTypes, String description, AuditContext context) {
        List<String> types = SubscriptionRules.normalize(eventTypes, catalog);
        String desc = description == null || description.length() <= MAX_DESCRIPTION
                ? description
                : description.substring(0, MAX_DESCRIPTION - 1) + "…";
        SigningSecret secret = SigningSecret.generate();
        return tx.execute(status -> {
            int kept = jdbc.sql("SELECT COUNT(*) FROM endpoints WHERE account_id = ? AND mode = ? AND kind = 'listen'"
                            + " AND deleted_at IS NULL")
                    .params(accountId, mode.wire())
                    .query(Integer.class)
                    .single();
            if (kept >= MAX_SESSIONS_PER_ACCOUNT) {
                throw new ConflictException(
                        "too_many_listen_sessions",
                        "session",
                        "This account has " + kept
                                + " listen sessions, the most it may keep. Resume one (session=whe_…, as webhooks listen does), or wait"
                                + " for idle ones to be removed.");
            }
            long now = clock.millis();
            String id = ids.next("whe_");
            jdbc.sql("INSERT INTO endpoints (id, account_id, mode, url, description, event_types, status, created_at,"
                            + " updated_at, kind, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, 'listen', ?)")
                    .params(id, accountId, mode.wire(), URL_SCHEME + id, desc, String.join(",", types), now, now, now)
                    .update();
            jdbc.sql("INSERT INTO endpoint_secrets (id, endpoint_id, secret, created_at) VALUES (?, ?, ?, ?)")
                    .params(ids.next("whs_"), id, cipher.encrypt(id, secret.value()), now)
                    .update();
            audit.record(
                    accountId,
                    context,
                    AuditAction.LISTEN_SESSION_OPENED,
                    AuditTarget.listenSession(id),
                    List.of(AuditChange.named("events"), new AuditChange("mode", null, mode.wire())));
            return new CreatedEndpoint(queries.find(accountId, mode, id).orElseThrow(), secret.value());
        });
    }

    /** The account's listen session of this mode with this id, if it has not been removed. */
    public Optional<Endpoint> find(String accountId, ApiKeyMode mode, String id) {
        return queries.find(accountId, mode, id).filter(e -> e.kind() == EndpointKind.LISTEN);
    }

    /** Notes that the session's CLI is connected now. */
    public void seen(String id) {
        jdbc.sql("UPDATE endpoints SET last_seen_at = ? WHERE id = ? AND kind = 'listen' AND deleted_at IS NULL")
                .params(clock.millis(), id)
                .update();
    }

    /**
     * Deletes the listen sessions last seen before {@code unseenSince} (epoch ms), except those
     * named in {@code connected} (a CLI is on a stream of this node right now). Their deliveries
     * stay in the log, as a deleted endpoint's do. Each removal is audited ({@code
     * listen_session.removed}, by the service, with the reason).
     *
     * @return how many were deleted
     */
    public int removeUnseen(long unseenSince, Set<String> connected) {
        List<String> idle = jdbc.sql("SELECT id FROM endpoints WHERE kind = 'listen' AND deleted_at IS NULL"
                        + " AND last_seen_at < ? ORDER BY id")
                .param(unseenSince)
                .query(String.class)
                .list();
        int removed = 0;
        long now = clock.millis();
        for (String id : idle) {
            if (connected.contains(id)) {
                continue;
            }
            // One transaction per session, so its entry exists exactly when it was removed (another node's
            // sweep may have removed it first: then neither the update nor an entry).
            removed += tx.execute(status -> {
                Optional<String> account = jdbc.sql("SELECT account_id FROM endpoints WHERE id = ?")
                        .param(id)
                        .query(String.class)
                        .optional();
                int updated = jdbc.sql("UPDATE endpoints SET deleted_at = ?, updated_at = ?"
                                + " WHERE id = ? AND kind = 'listen' AND deleted_at IS NULL AND last_seen_at < ?")
                        .params(now, now, id, unseenSince)
                        .update();
                if (updated > 0) {
                    audit.record(
                            account.orElseThrow(),
                            AuditContext.service(),
                            AuditAction.LISTEN_SESSION_REMOVED,
                            AuditTarget.listenSession(id),
                            List.of(),
                            "its CLI was gone longer than webhooks.listen.idle-timeout");
                }
                return updated;
            });
        }
        return removed;
    }
}

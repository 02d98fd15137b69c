package app.smartcomply.webhooks.delivery;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditChange;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.audit.AuditTarget;
import app.smartcomply.webhooks.delivery.internal.AttemptReader;
import app.smartcomply.webhooks.delivery.internal.ManualDeliverySql;
import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.EndpointKind;
import app.smartcomply.webhooks.endpoint.EndpointService;
import app.smartcomply.webhooks.endpoint.EndpointStatus;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.NotFoundException;
import app.smartcomply.webhooks.retention.RetentionHorizon;
import app.smartcomply.webhooks.store.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer's view of deliveries: the log, one delivery with all its attempts, and the two ways
 * to send again — {@link #retry} one delivery, {@link #recover} all dead ones of an endpoint.
 *
 * <p>Every method sees one account in one mode: a delivery of another account or of the other mode
 * is treated exactly like a missing one.
 */
@Service
public class DeliveryLog {

    private static final String COLUMNS =
            "id, account_id, event_id, endpoint_id, event_type, status, attempt_count, next_attempt_at,"
                    + " last_status, last_error, last_attempt_at, created_at, updated_at, mode";

    private static final String QUALIFIED_COLUMNS =
            "d.id, d.account_id, d.event_id, d.endpoint_id, d.event_type, d.status, d.attempt_count, d.next_attempt_at,"
                    + " d.last_status, d.last_error, d.last_attempt_at, d.created_at, d.updated_at, d.mode";

    private final JdbcClient jdbc;
    private final EndpointService endpoints;
    private final AttemptReader attempts;
    private final DeliveryIntake scheduler;
    private final Clock clock;
    private final RetentionHorizon horizon;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final ManualDeliverySql deliverySql;

    DeliveryLog(
            JdbcClient jdbc,
            EndpointService endpoints,
            AttemptReader attempts,
            DeliveryIntake scheduler,
            Clock clock,
            RetentionHorizon horizon,
            TransactionTemplate tx,
            AuditLog audit,
            ManualDeliverySql deliverySql) {
        this.deliverySql = deliverySql;
        this.horizon = horizon;
        this.tx = tx;
        this.audit = audit;
        this.jdbc = jdbc;
        this.endpoints = endpoints;
        this.attempts = attempts;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** The account's deliveries of this mode matching the filter, newest first. */
    public Page<Delivery> list(
            String accountId, ApiKeyMode mode, DeliveryFilter filter, int limit, String startingAfter) {
        if (filter.endpointId() != null) {
            endpoints.get(accountId, mode, filter.endpointId());
        }
        StringBuilder sql =
                new StringBuilder("SELECT " + COLUMNS + " FROM deliveries WHERE account_id = ? AND mode = ?");
        List<Object> params = new ArrayList<>(List.of(accountId, mode.wire()));
        condition(sql, params, "endpoint_id = ?", filter.endpointId());
        condition(
                sql,
                params,
                "status = ?",
                filter.status() == null ? null : filter.status().wireName());
        condition(sql, params, "event_type = ?", filter.eventType());
        condition(sql, params, "event_id = ?", filter.eventId());
        condition(sql, params, "created_at >= ?", filter.createdFrom());
        condition(sql, params, "created_at < ?", filter.createdTo());
        condition(sql, params, "id < ?", startingAfter);
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit + 1);
        return Page.fromOverfetch(
                jdbc.sql(sql.toString()).params(params).query(DeliveryLog::map).list(), limit);
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            params.add(value);
        }
    }

    /**
     * @throws NotFoundException if the account has no delivery of this mode by that id; with code
     *     {@code delivery_purged} if the id is older than the retention period
     */
    public DeliveryDetail get(String accountId, ApiKeyMode mode, String deliveryId) {
        var snapshot = attempts.read(
                        QUALIFIED_COLUMNS,
                        "d.id = ? AND d.account_id = ? AND d.mode = ?",
                        List.of(deliveryId, accountId, mode.wire()),
                        DeliveryLog::map)
                .orElseThrow(() -> horizon.missing("delivery", "whd_", deliveryId, "id", accountId));
        byte[] body = jdbc.sql("SELECT payload FROM events WHERE id = ?")
                .param(snapshot.delivery().eventId())
                .query((rs, n) -> rs.getBytes(1))
                .optional()
                // The purge took the event (and with it the delivery) between the two reads.
                .orElseThrow(() -> horizon.missing("delivery", "whd_", deliveryId, "id", accountId));
        return new DeliveryDetail(snapshot.delivery(), body, snapshot.attempts());
    }

    /**
     * Sends the delivery again now, whatever its state — also a dead ({@code failed}) one, which gets
     * one more attempt. A pending delivery's next attempt is moved to now.
     *
     * @throws ConflictException if its endpoint is deleted or disabled
     */
    public Delivery retry(String accountId, ApiKeyMode mode, String deliveryId, AuditContext context) {
        return tx.execute(status -> {
            Delivery retried = retry(accountId, mode, deliveryId);
            audit.record(accountId, context, AuditAction.DELIVERY_RETRIED, AuditTarget.delivery(deliveryId), List.of());
            return retried;
        });
    }

    private Delivery retry(String accountId, ApiKeyMode mode, String deliveryId) {
        Delivery delivery = find(accountId, mode, deliveryId);
        requireSendable(accountId, mode, delivery.endpointId());
        long now = clock.millis();
        deliverySql.retry(deliveryId, now);
        // "Now" means now, even for an endpoint paused after failing: this retry is its probe.
        scheduler.resume(delivery.endpointId());
        scheduler.wakeAfterCommit();
        return find(accountId, mode, deliveryId);
    }

    /**
     * Re-queues every dead delivery of the endpoint created at or after {@code since}.
     *
     * @return how many were re-queued
     * @throws NotFoundException if the account has no such endpoint
     * @throws ConflictException if the endpoint is disabled
     */
    public int recover(String accountId, ApiKeyMode mode, String endpointId, long since, AuditContext context) {
        return tx.execute(status -> {
            int count = recover(accountId, mode, endpointId, since);
            audit.record(
                    accountId,
                    context,
                    AuditAction.ENDPOINT_RECOVERY_STARTED,
                    AuditTarget.endpoint(endpointId),
                    List.of(new AuditChange("requeued_deliveries", null, Integer.toString(count))));
            return count;
        });
    }

    private int recover(String accountId, ApiKeyMode mode, String endpointId, long since) {
        // 404, like every operation on a missing (or foreign, or other-mode) endpoint
        endpoints.get(accountId, mode, endpointId);
        requireSendable(accountId, mode, endpointId);
        long now = clock.millis();
        int count = deliverySql.recover(endpointId, since, now);
        scheduler.resume(endpointId);
        scheduler.wakeAfterCommit();
        return count;
    }

    private void requireSendable(String accountId, ApiKeyMode mode, String endpointId) {
        Endpoint endpoint = endpoints
                .find(accountId, mode, endpointId)
                .orElseThrow(() ->
                        new ConflictException("endpoint_deleted", "id", "The endpoint of this delivery was deleted."));
        if (endpoint.kind() == EndpointKind.LISTEN) {
            // Its URL is no address; the engine never sends a listen session's deliveries (the CLI did).
            throw new ConflictException(
                    "listen_session",
                    "id",
                    "A listen session's deliveries are forwarded by webhooks listen, never sent again by the service.");
        }
        if (endpoint.status() != EndpointStatus.ACTIVE) {
            throw new ConflictException(
                    "endpoint_disabled", "id", "The endpoint is disabled; enable it first, then retry.");
        }
    }

    private Delivery find(String accountId, ApiKeyMode mode, String deliveryId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deliveries WHERE id = ? AND account_id = ? AND mode = ?")
                .params(deliveryId, accountId, mode.wire())
                .query(DeliveryLog::map)
                .optional()
                .orElseThrow(() -> horizon.missing("delivery", "whd_", deliveryId, "id", accountId));
    }

    private static Delivery map(ResultSet rs, int row) throws SQLException {
        return new Delivery(
                rs.getString("id"),
                rs.getString("account_id"),
                rs.getString("event_id"),
                rs.getString("endpoint_id"),
                rs.getString("event_type"),
                DeliveryStatus.fromWireName(rs.getString("status")),
                rs.getInt("attempt_count"),
                nullableLong(rs, "next_attempt_at"),
                nullableInt(rs, "last_status"),
                rs.getString("last_error"),
                nullableLong(rs, "last_attempt_at"),
                rs.getLong("created_at"),
                rs.getLong("updated_at"),
                ApiKeyMode.fromStored(rs.getString("mode")));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}

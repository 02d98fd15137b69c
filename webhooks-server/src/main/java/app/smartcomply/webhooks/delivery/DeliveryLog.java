package app.smartcomply.webhooks.delivery;

import app.smartcomply.webhooks.audit.AuditAction;
import app.smartcomply.webhooks.audit.AuditChange;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.audit.AuditLog;
import app.smartcomply.webhooks.audit.AuditTarget;
import app.smartcomply.webhooks.delivery.internal.AttemptReader;
import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.EndpointService;
import app.smartcomply.webhooks.endpoint.EndpointStatus;
import app.smartcomply.webhooks.error.ConflictException;
import app.smartcomply.webhooks.error.NotFoundException;
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
 */
@Service
public class DeliveryLog {

  private static final String COLUMNS =
      "id, account_id, event_id, endpoint_id, event_type, status, attempt_count, next_attempt_at,"
          + " last_status, last_error, last_attempt_at, created_at, updated_at";

  private static final String QUALIFIED_COLUMNS =
      "d.id, d.account_id, d.event_id, d.endpoint_id, d.event_type, d.status, d.attempt_count, d.next_attempt_at,"
          + " d.last_status, d.last_error, d.last_attempt_at, d.created_at, d.updated_at";

  private final JdbcClient jdbc;
  private final EndpointService endpoints;
  private final AttemptReader attempts;
  private final DeliveryScheduler scheduler;
  private final Clock clock;
  private final TransactionTemplate tx;
  private final AuditLog audit;

  DeliveryLog(JdbcClient jdbc, EndpointService endpoints, AttemptReader attempts, DeliveryScheduler scheduler, Clock clock,
      TransactionTemplate tx, AuditLog audit) {
    this.tx = tx;
    this.audit = audit;
    this.jdbc = jdbc;
    this.endpoints = endpoints;
    this.attempts = attempts;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /** The account's deliveries matching the filter, newest first. */
  public Page<Delivery> list(String accountId, DeliveryFilter filter, int limit, String startingAfter) {
    if (filter.endpointId() != null) {
      endpoints.get(accountId, filter.endpointId());
    }
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM deliveries WHERE account_id = ?");
    List<Object> params = new ArrayList<>(List.of(accountId));
    condition(sql, params, "endpoint_id = ?", filter.endpointId());
    condition(sql, params, "status = ?", filter.status() == null ? null : filter.status().wireName());
    condition(sql, params, "event_type = ?", filter.eventType());
    condition(sql, params, "event_id = ?", filter.eventId());
    condition(sql, params, "created_at >= ?", filter.createdFrom());
    condition(sql, params, "created_at < ?", filter.createdTo());
    condition(sql, params, "id < ?", startingAfter);
    sql.append(" ORDER BY id DESC LIMIT ?");
    params.add(limit + 1);
    return Page.fromOverfetch(jdbc.sql(sql.toString()).params(params).query(DeliveryLog::map).list(), limit);
  }

  private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
    if (value != null) {
      sql.append(" AND ").append(clause);
      params.add(value);
    }
  }

  /** @throws NotFoundException if the account has no delivery by that id */
  public DeliveryDetail get(String accountId, String deliveryId) {
    var snapshot = attempts.read(
            QUALIFIED_COLUMNS, "d.id = ? AND d.account_id = ?", List.of(deliveryId, accountId), DeliveryLog::map)
        .orElseThrow(() -> new NotFoundException("delivery", deliveryId, "id"));
    byte[] body = jdbc.sql("SELECT payload FROM events WHERE id = ?")
        .param(snapshot.delivery().eventId())
        .query((rs, n) -> rs.getBytes(1))
        .single();
    return new DeliveryDetail(snapshot.delivery(), body, snapshot.attempts());
  }

  /**
   * Sends the delivery again now, whatever its state — also a dead ({@code failed}) one, which gets
   * one more attempt. A pending delivery's next attempt is moved to now.
   *
   * @throws ConflictException if its endpoint is deleted or disabled
   */
  public Delivery retry(String accountId, String deliveryId, AuditContext context) {
    return tx.execute(status -> {
      Delivery retried = retry(accountId, deliveryId);
      audit.record(accountId, context, AuditAction.DELIVERY_RETRIED, AuditTarget.delivery(deliveryId), List.of());
      return retried;
    });
  }

  private Delivery retry(String accountId, String deliveryId) {
    Delivery delivery = find(accountId, deliveryId);
    requireSendable(accountId, delivery.endpointId());
    long now = clock.millis();
    // A delivery parked while its endpoint was paused carries a lease expiry without an owner
    // (see the engine's queue); a retry clears it, or no claim would take it before that time.
    jdbc.sql("UPDATE deliveries SET status = 'pending', next_attempt_at = ?, updated_at = ?,"
            + " lease_expires_at = CASE WHEN lease_owner IS NULL THEN NULL ELSE lease_expires_at END"
            + " WHERE id = ? AND status <> 'cancelled'")
        .params(now, now, deliveryId)
        .update();
    // "Now" means now, even for an endpoint paused after failing: this retry is its probe.
    scheduler.resume(delivery.endpointId());
    scheduler.wakeAfterCommit();
    return find(accountId, deliveryId);
  }

  /**
   * Re-queues every dead delivery of the endpoint created at or after {@code since}.
   *
   * @return how many were re-queued
   * @throws NotFoundException if the account has no such endpoint
   * @throws ConflictException if the endpoint is disabled
   */
  public int recover(String accountId, String endpointId, long since, AuditContext context) {
    return tx.execute(status -> {
      int count = recover(accountId, endpointId, since);
      audit.record(accountId, context, AuditAction.ENDPOINT_RECOVERY_STARTED, AuditTarget.endpoint(endpointId),
          List.of(new AuditChange("requeued_deliveries", null, Integer.toString(count))));
      return count;
    });
  }

  private int recover(String accountId, String endpointId, long since) {
    endpoints.get(accountId, endpointId); // 404, like every operation on a missing (or foreign) endpoint
    requireSendable(accountId, endpointId);
    long now = clock.millis();
    int count = jdbc.sql("UPDATE deliveries SET status = 'pending', next_attempt_at = ?, updated_at = ?"
            + " WHERE endpoint_id = ? AND status = 'failed' AND created_at >= ?")
        .params(now, now, endpointId, since)
        .update();
    scheduler.resume(endpointId);
    scheduler.wakeAfterCommit();
    return count;
  }

  private void requireSendable(String accountId, String endpointId) {
    Endpoint endpoint = endpoints.find(accountId, endpointId).orElseThrow(() -> new ConflictException(
        "endpoint_deleted", "id", "The endpoint of this delivery was deleted."));
    if (endpoint.status() != EndpointStatus.ACTIVE) {
      throw new ConflictException(
          "endpoint_disabled", "id", "The endpoint is disabled; enable it first, then retry.");
    }
  }

  private Delivery find(String accountId, String deliveryId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM deliveries WHERE id = ? AND account_id = ?")
        .params(deliveryId, accountId)
        .query(DeliveryLog::map)
        .optional()
        .orElseThrow(() -> new NotFoundException("delivery", deliveryId, "id"));
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
        rs.getLong("updated_at"));
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

package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.endpoint.EndpointDisabled;
import app.smartcomply.webhooks.endpoint.EndpointStatus;
import app.smartcomply.webhooks.endpoint.EndpointUpdated;
import app.smartcomply.webhooks.store.AfterCommit;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A disabled endpoint's pending deliveries wait for it outside the queue, and come back when it
 * is enabled again. Both happen in the transaction that switches the endpoint.
 *
 * <p>Held, a delivery has no due time ({@code next_attempt_at} is null), so no claim reads it. If
 * they stayed due, they would sit at the head of the queue, oldest first, for as long as the
 * endpoint is off. Every claim would walk them and skip them by the endpoint's status. Once there
 * are more of them than a claim reads at a time ({@link DueCandidates#WINDOW}), claims would find
 * nothing in the window, and every other endpoint's waiting deliveries would only be taken by the
 * occasional read past it: a few hundred a second instead of thousands.
 *
 * <p>A delivery under a live lease at that moment is left to its attempt, whose outcome writes a
 * retry of a disabled endpoint held rather than due ({@link #dueUnlessDisabled}) — also when the
 * endpoint was disabled by the very group that records it (an auto-disable runs before the group's
 * outcomes are written). A lease that has run out protects nothing — its node died or gave up — so
 * such a delivery is held too, though it still names its old owner; should that node write an
 * outcome after all, it no longer matches, as when another node has taken the delivery. So every
 * pending delivery of a disabled endpoint ends up held. On enabling, every held delivery is due at
 * once.
 */
@Component
class HoldDeliveriesOfDisabledEndpoint {

  private final JdbcClient jdbc;
  private final DispatchSignal signal;

  HoldDeliveriesOfDisabledEndpoint(JdbcClient jdbc, DispatchSignal signal) {
    this.jdbc = jdbc;
    this.signal = signal;
  }

  @EventListener
  void on(EndpointUpdated updated) {
    if (updated.previousStatus() == EndpointStatus.ACTIVE && updated.status() == EndpointStatus.DISABLED) {
      hold(updated.endpointId(), updated.updatedAt());
    } else if (updated.previousStatus() == EndpointStatus.DISABLED && updated.status() == EndpointStatus.ACTIVE) {
      release(updated.endpointId(), updated.updatedAt());
    }
  }

  @EventListener
  void on(EndpointDisabled disabled) {
    hold(disabled.endpointId(), disabled.disabledAt());
  }

  /**
   * The due time an outcome writes for a retry: held (null) if the delivery's endpoint is disabled.
   * Its status is read only for retries — a success or a dead letter has no due time anyway — one
   * primary-key read per retried row and no write, so an active endpoint costs nothing more.
   *
   * @param dueTime the SQL of the retry's due time (null for no retry)
   * @param endpointId the SQL of the updated row's endpoint id
   */
  static String dueUnlessDisabled(String dueTime, String endpointId) {
    return "CASE WHEN " + dueTime + " IS NULL THEN NULL WHEN (SELECT status FROM endpoints WHERE id = "
        + endpointId + ") = 'disabled' THEN NULL ELSE " + dueTime + " END";
  }

  /**
   * Takes the endpoint's pending deliveries out of the queue — all but those under a live lease; a
   * parking ends with it, and so does a lease that has run out (the same test as a claim's).
   */
  private void hold(String endpointId, long at) {
    jdbc.sql("UPDATE deliveries SET next_attempt_at = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?"
            + " WHERE endpoint_id = ? AND status = 'pending' AND (lease_owner IS NULL OR lease_expires_at < ?)")
        .params(at, endpointId, at)
        .update();
  }

  /** Makes every held delivery of the endpoint due now, and wakes the engines once that is committed. */
  private void release(String endpointId, long at) {
    int released = jdbc.sql("UPDATE deliveries SET next_attempt_at = ?, updated_at = ?"
            + " WHERE endpoint_id = ? AND status = 'pending' AND next_attempt_at IS NULL")
        .params(at, at, endpointId)
        .update();
    if (released > 0) {
      AfterCommit.run(() -> signal.workAdded(List.of(endpointId)));
    }
  }
}

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
 * <p>A delivery leased to a node at that moment is left to its attempt. Its outcome is written as
 * usual; a retry makes it due again, and claims skip it by its endpoint's status. These are at most
 * the endpoint's attempts in flight. On enabling, every held delivery is due at once.
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

  /** Takes the endpoint's pending, unleased deliveries out of the queue; a parking ends with it. */
  private void hold(String endpointId, long at) {
    jdbc.sql("UPDATE deliveries SET next_attempt_at = NULL, lease_expires_at = NULL, updated_at = ?"
            + " WHERE endpoint_id = ? AND status = 'pending' AND lease_owner IS NULL")
        .params(at, endpointId)
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

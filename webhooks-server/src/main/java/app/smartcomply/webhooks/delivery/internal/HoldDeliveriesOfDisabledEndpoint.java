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
 * <p>A delivery under a live lease at that moment is held too, and keeps its lease: claims stay off
 * it while its attempt runs, and the attempt's outcome keeps the hold — a retry is written held,
 * not due ({@link #dueUnlessHeld}), also when the endpoint was disabled by the very group that
 * records it (an auto-disable runs before the group's outcomes are written). A lease that has run
 * out protects nothing — its node died or gave up — and is cleared; should that node write an
 * outcome after all, it no longer matches, as when another node has taken the delivery. So every
 * pending delivery of a disabled endpoint is held. On enabling, every held delivery is due at once;
 * one still under a live lease is claimed only once that runs out, as usual.
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
   * The due time an outcome writes for a retry: none if the delivery is held — its endpoint was
   * disabled while the attempt was in flight, by a customer or by the group recording this very
   * outcome. No extra read: the hold has already marked the row. On PostgreSQL this also settles a
   * race: if the hold commits while the outcome waits for the row, the outcome re-reads the row
   * (as READ COMMITTED does for a row changed under it) and sees the mark; if the outcome commits
   * first, the hold waits for it and then holds the retry.
   *
   * @param dueTime the SQL of the retry's due time (null for no retry)
   * @param currentDueTime the SQL of the updated row's current due time
   */
  static String dueUnlessHeld(String dueTime, String currentDueTime) {
    return "CASE WHEN " + currentDueTime + " IS NULL THEN NULL ELSE " + dueTime + " END";
  }

  /**
   * Takes every pending delivery of the endpoint out of the queue. A live lease is kept — it still
   * keeps claims off the delivery while its attempt runs, and its outcome keeps the hold ({@link
   * #dueUnlessHeld}) — but no longer makes the delivery due when it runs out. A lease that has run
   * out (the same test as a claim's) is cleared, and so is a parking.
   */
  private void hold(String endpointId, long at) {
    jdbc.sql("""
            UPDATE deliveries
               SET next_attempt_at = NULL,
                   lease_owner = CASE WHEN lease_expires_at < :at THEN NULL ELSE lease_owner END,
                   lease_expires_at = CASE WHEN lease_owner IS NULL OR lease_expires_at < :at THEN NULL
                                           ELSE lease_expires_at END,
                   updated_at = :at
             WHERE endpoint_id = :endpoint AND status = 'pending'""")
        .param("at", at)
        .param("endpoint", endpointId)
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

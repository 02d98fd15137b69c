package app.smartcomply.webhooks.delivery;

import app.smartcomply.webhooks.delivery.internal.ClaimedDelivery;
import app.smartcomply.webhooks.delivery.internal.DirectDispatch;
import java.util.ArrayList;
import java.util.List;

/**
 * The deliveries of one publish that this node starts itself once the publish has committed (see
 * {@link DirectDispatch}). Made before the publishing transaction, filled by {@link
 * DeliveryScheduler#scheduleFor} inside it, and settled after it by exactly one of {@link
 * #committed()} or {@link #failed()} — the publisher alone knows which happened.
 *
 * <p>Not thread-safe: one publish owns it. Settling twice is a no-op.
 */
public final class HandOff {

  private final DirectDispatch dispatch;
  private final List<ClaimedDelivery> reserved = new ArrayList<>();
  private boolean settled;

  HandOff(DirectDispatch dispatch) {
    this.dispatch = dispatch;
  }

  /** A hand-off that takes nothing: every delivery is left to the claims (system events). */
  public static HandOff none() {
    return new HandOff(DirectDispatch.NONE);
  }

  DirectDispatch dispatch() {
    return dispatch;
  }

  void add(ClaimedDelivery delivery) {
    reserved.add(delivery);
  }

  /** The publish committed: its reserved deliveries start now. */
  public void committed() {
    if (settled) {
      return;
    }
    settled = true;
    if (!reserved.isEmpty()) {
      dispatch.startCommitted(List.copyOf(reserved));
    }
  }

  /**
   * The publish did not commit (or its outcome is unknown): the room is given back. Should the rows
   * exist after all, their leases run out and the claims attempt them.
   */
  public void failed() {
    if (settled) {
      return;
    }
    settled = true;
    for (ClaimedDelivery delivery : reserved) {
      dispatch.unreserve(delivery.endpointId());
    }
  }
}

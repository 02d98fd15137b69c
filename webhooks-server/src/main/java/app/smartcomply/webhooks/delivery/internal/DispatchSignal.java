package app.smartcomply.webhooks.delivery.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wakes the dispatcher when there may be new due work: a publish committed, an attempt finished
 * and freed a slot, a retry was requested, another node notified. Signals coalesce — many fires
 * while the dispatcher is busy make one wake-up.
 *
 * <p>Two kinds of wake-up: {@link #fire()} is for this node alone (a slot came free here);
 * {@link #workAdded()} is for work that any node could take (a publish or retry committed, leases
 * given back), so it also tells the other nodes — on PostgreSQL through {@code NOTIFY}. Both ask
 * for a claim. {@link #handOffWaiting()} only wakes the dispatcher to start deliveries a publish
 * handed it, which needs no claim: the store has nothing new for it then.
 */
public final class DispatchSignal {

  private final Semaphore permits = new Semaphore(0);
  private final AtomicBoolean claimWanted = new AtomicBoolean();
  private volatile Runnable otherNodes = () -> {};

  /** Says there may be work for this node to claim. Cheap; call it freely. */
  public void fire() {
    claimWanted.set(true);
    wake();
  }

  /** Says deliveries were handed to this node's dispatcher directly (no claim needed). */
  void handOffWaiting() {
    wake();
  }

  private void wake() {
    if (permits.availablePermits() == 0) {
      permits.release();
    }
  }

  /**
   * Says committed work is waiting that any node may take: wakes this node, and the others if a
   * cluster announcer is installed. Call it after the commit, never inside the transaction.
   */
  public void workAdded() {
    fire();
    otherNodes.run();
  }

  /** Installs how {@link #workAdded()} reaches the other nodes; must return at once. */
  void announceToOtherNodesWith(Runnable announcer) {
    this.otherNodes = announcer;
  }

  /**
   * Waits until woken or until {@code max} passes, and consumes the signal.
   *
   * @return whether to claim: a claim was asked for, or the wait timed out (the poll for retries
   *     coming due)
   */
  boolean await(Duration max) throws InterruptedException {
    if (!permits.tryAcquire(max.toMillis(), TimeUnit.MILLISECONDS)) {
      return true;
    }
    permits.drainPermits();
    // Cleared after draining: a fire() racing with this either left its flag for this call or,
    // setting it later, also left a permit for the next one.
    return claimWanted.getAndSet(false);
  }
}

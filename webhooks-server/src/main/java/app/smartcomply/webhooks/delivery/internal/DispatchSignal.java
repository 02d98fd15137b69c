package app.smartcomply.webhooks.delivery.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the dispatcher when there may be new due work: a publish committed, an attempt finished
 * and freed a slot, a retry was requested, another node notified. Signals coalesce — many fires
 * while the dispatcher is busy make one wake-up.
 */
public final class DispatchSignal {

  private final Semaphore permits = new Semaphore(0);

  /** Says there may be work. Cheap; call it freely. */
  public void fire() {
    if (permits.availablePermits() == 0) {
      permits.release();
    }
  }

  /** Waits until fired or until {@code max} passes, and consumes the signal. */
  void await(Duration max) throws InterruptedException {
    if (permits.tryAcquire(max.toMillis(), TimeUnit.MILLISECONDS)) {
      permits.drainPermits();
    }
  }
}

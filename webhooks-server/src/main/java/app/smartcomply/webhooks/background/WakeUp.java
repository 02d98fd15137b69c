package app.smartcomply.webhooks.background;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A wake-up call for one waiting thread. Calls coalesce: however often it is fired while the
 * thread is busy, the thread's next wait returns at once, once. Waits are always bounded, so a
 * lost or missing call costs at most one wait, never a hang.
 */
public final class WakeUp {

    private final Semaphore permits = new Semaphore(0);

    /** Wakes the waiting thread, or makes its next wait return at once. Cheap; call it freely. */
    public void fire() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /**
     * Waits until fired or until {@code max} has passed, and consumes the call.
     *
     * @return true if it was fired
     */
    public boolean await(Duration max) throws InterruptedException {
        if (permits.tryAcquire(max.toNanos(), TimeUnit.NANOSECONDS)) {
            permits.drainPermits();
            return true;
        }
        return false;
    }
}

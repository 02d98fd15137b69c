package app.smartcomply.webhooks.delivery.internal;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The node's attempt slots ({@code maxInFlight}): a delivery holds one from the moment it is
 * reserved or claimed until its outcome is recorded (or it is given back). So "every slot free"
 * means nothing is in flight and nothing handed off waits to start — which {@link #awaitAllFree}
 * lets a caller wait for without polling.
 */
final class NodeSlots extends Semaphore {

    private final int total;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allFree = lock.newCondition();

    NodeSlots(int total) {
        super(total);
        this.total = total;
    }

    @Override
    public void release() {
        super.release();
        if (availablePermits() == total) {
            lock.lock();
            try {
                allFree.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** @return true once every slot is free; false if that did not happen within {@code max} */
    boolean awaitAllFree(Duration max) throws InterruptedException {
        long nanos = max.toNanos();
        lock.lock();
        try {
            while (availablePermits() != total) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = allFree.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}

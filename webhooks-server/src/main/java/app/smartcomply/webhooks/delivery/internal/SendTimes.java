package app.smartcomply.webhooks.delivery.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The last N send times of each rate-limited endpoint on this node, so that the sends themselves —
 * not only the claims that counted them — keep to N in any window. A claim reserves its sends
 * from the endpoint's bucket before the lease; the lease, the read of secrets and the start of the
 * attempts take a few milliseconds more for some sends than for others (on SQLite the lease waits
 * for the store's one writer), and a late burst could then meet the next on-time one inside one
 * second at the receiver. Each send takes its turn here first: the (N+1)-th send in a window waits
 * until the first of them is a window old. With the bucket's spacing that wait is rarely more
 * than a few milliseconds. Thread-safe.
 */
final class SendTimes {

    private final long windowMs;
    private final ConcurrentHashMap<String, Ring> rings = new ConcurrentHashMap<>();

    SendTimes(long windowMs) {
        this.windowMs = windowMs;
    }

    /**
     * Books a send of the endpoint, limited to {@code perSecond} sends a window, at the earliest
     * time at or after {@code now} it may go.
     *
     * @return that time (epoch ms); {@code now} unless the window is full
     */
    long book(String endpointId, int perSecond, long now) {
        Ring ring = rings.compute(
                endpointId, (id, r) -> r == null || r.times.length != perSecond ? new Ring(perSecond) : r);
        synchronized (ring) {
            // The slot to be overwritten holds the send N sends ago: this one goes a window after it.
            long at = Math.max(now, ring.times[ring.next] + windowMs);
            ring.times[ring.next] = at;
            ring.next = (ring.next + 1) % ring.times.length;
            return at;
        }
    }

    /** Forgets endpoints no longer limited. */
    void retainAll(java.util.Set<String> limited) {
        rings.keySet().retainAll(limited);
    }

    private static final class Ring {
        private final long[] times;
        private int next;

        Ring(int size) {
            times = new long[size];
            java.util.Arrays.fill(times, Long.MIN_VALUE / 2);
        }
    }
}

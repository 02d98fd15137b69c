package app.smartcomply.webhooks.delivery.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Remembers the last read of the due queue that came back empty although it left endpoints out, so
 * that the claims right after it do not repeat it.
 *
 * <p>Why: such a read is the expensive kind. When every endpoint with a backlog is at its cap (all
 * left out), the read walks the whole bounded window of due rows and finds nothing — 14 ms on
 * SQLite, 18 ms on PostgreSQL for a 20,000-row window. The dispatcher claims dozens to hundreds
 * of times a second under load (every endpoint that falls to its refill mark wakes it, and so does
 * every publish whose endpoint was full), and each claim repeated that same empty walk: it was
 * the dispatcher's main cost while a backlog drained, and a fifth of PostgreSQL's time while one
 * built up.
 *
 * <p>The rule: a read that leaves out the same endpoints as an empty read, or more, is skipped for
 * at most {@code memory} after it — unless deliveries were committed since it began for an
 * endpoint it did not leave out, or for endpoints unknown ({@link #workAdded}). A read that leaves
 * out fewer endpoints (one got room back) runs at once. New work of endpoints that were left out
 * changes nothing: their deliveries are left out of such reads too. What this gives up: a delivery
 * that merely came due in the store meanwhile, unannounced — a scheduled retry, the end of a pause
 * or a parking, a lease given back or run out — waits up to {@code memory} for the next read, on
 * top of the poll interval that finds such deliveries anyway.
 *
 * <p>Thread-safe. Every method takes one lock for a few set operations on small sets (the
 * endpoints left out, those of one publish): cheap next to the reads and commits around them.
 */
final class FruitlessReads {

    private record EmptyRead(Set<String> excluded, long at, long version) {}

    private final long memoryMs;
    /** Bumped by work that may change what a remembered or running read would find. */
    private long version;

    private EmptyRead last;
    private int readsRunning;
    /** Endpoints given work while reads ran (since the oldest running one began). */
    private final Set<String> addedWhileReading = new HashSet<>();

    /** @param memoryMs how long an empty read stands for the reads after it */
    FruitlessReads(long memoryMs) {
        this.memoryMs = memoryMs;
    }

    /**
     * Whether a read leaving out {@code excluded} at {@code now} can be skipped: a read less than
     * {@code memory} ago left out no more than these, found nothing, and no work since has made it
     * stale. A clock that went backwards forgets the read.
     */
    synchronized boolean canSkip(Set<String> excluded, long now) {
        return last != null
                && last.version() == version
                && now >= last.at()
                && now - last.at() < memoryMs
                && excluded.containsAll(last.excluded());
    }

    /**
     * A read begins; pass what this returns to {@link #readFinished} when it is done, whatever it
     * found.
     */
    synchronized long readStarted() {
        if (readsRunning++ == 0) {
            addedWhileReading.clear();
        }
        return version;
    }

    /**
     * A read that left out {@code excluded} is done. If it found nothing, it is remembered — unless
     * it left nothing out (the queue is simply empty: cheap to read, and the next claim must see the
     * first delivery that comes due), or work it may not have seen was committed while it ran.
     */
    synchronized void readFinished(Set<String> excluded, boolean foundNothing, long now, long versionAtStart) {
        readsRunning--;
        if (foundNothing
                && !excluded.isEmpty()
                && version == versionAtStart
                && excluded.containsAll(addedWhileReading)) {
            last = new EmptyRead(Set.copyOf(excluded), now, version);
        }
    }

    /**
     * Deliveries of these endpoints were committed (empty: of endpoints unknown, e.g. another
     * node's). Makes the remembered read stale unless it left all of them out.
     */
    synchronized void workAdded(Collection<String> endpointIds) {
        if (endpointIds.isEmpty()) {
            version++;
            return;
        }
        if (readsRunning > 0) {
            addedWhileReading.addAll(endpointIds);
        }
        if (last != null && !last.excluded().containsAll(endpointIds)) {
            version++;
        }
    }
}

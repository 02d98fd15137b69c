package app.smartcomply.webhooks.delivery.internal;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers the last read of the due queue that came back empty although it left endpoints out, so
 * that the claims right after it do not repeat it.
 *
 * <p>Why: such a read is the expensive kind. When every endpoint with a backlog is at its cap (all
 * left out), the read walks the whole bounded window of due rows and finds nothing — about 14 ms
 * on SQLite for a 20,000-row window. While a backlog drains, the dispatcher claims dozens of times
 * a second (every endpoint that falls to its refill mark wakes it), and each claim ended with that
 * same empty walk: it was the dispatcher's main cost.
 *
 * <p>The rule: a read that leaves out the same endpoints as an empty read, or more, is skipped —
 * for at most {@code memory}, and only while no work was added since the empty read began
 * ({@link #workAdded}: a publish or retry committed deliveries for the claims, another node
 * announced some). A read that leaves out fewer endpoints (one got room back) runs at once. What
 * this gives up: a delivery that merely came due in the store meanwhile — a scheduled retry, the
 * end of a pause — waits up to {@code memory} for the next read, on top of the poll interval that
 * finds such deliveries anyway.
 *
 * <p>Thread-safe; lock-free.
 */
final class FruitlessReads {

  private record EmptyRead(Set<String> excluded, long at, long workVersion) {}

  private final long memoryMs;
  private final AtomicLong workVersion = new AtomicLong();
  private final AtomicReference<EmptyRead> last = new AtomicReference<>();

  /** @param memoryMs how long an empty read stands for the reads after it */
  FruitlessReads(long memoryMs) {
    this.memoryMs = memoryMs;
  }

  /** Which work a read about to start can see: pass it to {@link #foundNothing} afterwards. */
  long workVersion() {
    return workVersion.get();
  }

  /** New due work was committed: every empty read so far is out of date. */
  void workAdded() {
    workVersion.incrementAndGet();
  }

  /**
   * Notes that a read leaving out {@code excluded}, begun when {@link #workVersion} was {@code
   * workVersionAtStart}, found no due delivery at {@code now}. An empty read that left nothing out
   * is not remembered: the queue is simply empty, which is cheap to read, and the next claim must
   * see the first delivery that comes due.
   */
  void foundNothing(Set<String> excluded, long now, long workVersionAtStart) {
    if (!excluded.isEmpty()) {
      last.set(new EmptyRead(Set.copyOf(excluded), now, workVersionAtStart));
    }
  }

  /**
   * Whether a read leaving out {@code excluded} at {@code now} can be skipped: a recent read left
   * out no more than these and found nothing, and no work was added since it began. A clock that
   * went backwards forgets the read.
   */
  boolean canSkip(Set<String> excluded, long now) {
    EmptyRead read = last.get();
    return read != null
        && read.workVersion() == workVersion.get()
        && now >= read.at()
        && now - read.at() < memoryMs
        && excluded.containsAll(read.excluded());
  }
}

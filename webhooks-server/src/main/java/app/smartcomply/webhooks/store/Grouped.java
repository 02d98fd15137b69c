package app.smartcomply.webhooks.store;

import app.smartcomply.webhooks.background.Batcher;
import java.time.Duration;

/**
 * Items that the {@link GroupCommitter} writes together ({@link GroupCommitter#grouped}). Each
 * {@link #write} queues its item once and returns when it is committed; the thread that takes it
 * from the queue writes it, with every other item of the group queued at that moment, in one call
 * of the {@link GroupedWrite} and one transaction.
 *
 * <p>On a batching committer (SQLite) the queue is the committer's own: the items' write shares
 * the writer's transaction and fsync with every other unit waiting then. On a pass-through
 * committer (PostgreSQL) the group has a thread of its own, and each batch of items is one
 * transaction on it.
 */
public final class Grouped<T> implements AutoCloseable {

    private final GroupCommitter commits;
    final GroupedWrite<T> write;
    final int maxItems;
    /** The group's own thread on a pass-through committer; null where the committer's writer takes the items. */
    private final Batcher<GroupCommitter.Unit<?>> own;

    private volatile boolean open = true;

    Grouped(GroupCommitter commits, String threadName, int maxItems, GroupedWrite<T> write, boolean ownThread) {
        this.commits = commits;
        this.write = write;
        this.maxItems = Math.max(1, maxItems);
        this.own = ownThread
                ? new Batcher<GroupCommitter.Unit<?>>(
                                threadName,
                                this.maxItems,
                                Integer.MAX_VALUE,
                                commits::commit,
                                (unit, refused) -> unit.refuse(new IllegalStateException("Closed")))
                        .start()
                : null;
    }

    /**
     * Writes the item down with the others queued meanwhile; returns once it is committed.
     *
     * @throws RuntimeException what the write or the commit threw, or {@link IllegalStateException}
     *     once closed
     */
    public void write(T item) {
        if (!open) {
            throw new IllegalStateException("Closed");
        }
        commits.queue(GroupCommitter.Unit.item(this, item), own);
    }

    /** Writes what is queued, then stops; later calls to {@link #write} fail. */
    @Override
    public void close() {
        open = false;
        if (own != null) {
            own.close(Duration.ofSeconds(5));
        }
    }
}

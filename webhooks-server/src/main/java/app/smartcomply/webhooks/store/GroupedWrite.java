package app.smartcomply.webhooks.store;

import java.util.List;

/**
 * A write that many callers' items share: {@link #writeAll} gets every item of its group queued at
 * that moment (see {@link GroupCommitter#grouped}), and writes them in one go — so one endpoint row
 * is updated once for many attempts, not once per attempt.
 */
@FunctionalInterface
public interface GroupedWrite<T> {

    /** Writes the items; runs inside the group's transaction, in a savepoint of its own. */
    void writeAll(List<T> items);

    /**
     * Whether a group that failed with {@code failure} is written again item by item, each in a
     * savepoint of its own, so that one bad item cannot hold back the others. Default: no, every
     * item of the group fails.
     */
    default boolean retryAlone(RuntimeException failure) {
        return false;
    }
}

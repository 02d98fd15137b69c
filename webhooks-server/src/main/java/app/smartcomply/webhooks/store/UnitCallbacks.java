package app.smartcomply.webhooks.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AfterCommit} actions of one unit of a group commit. Units share a transaction, but a
 * unit that fails is rolled back to its savepoint alone: its actions must then never run as if it
 * had committed — which is what a synchronization registered on the shared transaction would do.
 * So while a unit runs, its actions are collected here, and the committer settles them once the
 * shared transaction's fate and the unit's own are known.
 */
final class UnitCallbacks {

    private static final Logger log = LoggerFactory.getLogger(UnitCallbacks.class);
    private static final ThreadLocal<UnitCallbacks> CURRENT = new ThreadLocal<>();

    private final List<Runnable> onCommit = new ArrayList<>(0);
    private final List<Runnable> onRollback = new ArrayList<>(0);
    private boolean unitFailed;

    /** The unit running on this thread, or null outside the group committer's units. */
    static UnitCallbacks current() {
        return CURRENT.get();
    }

    /** Runs a unit's work, collecting the actions it registers here. */
    <T> T collecting(Supplier<T> work) {
        UnitCallbacks outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    void add(Runnable committed, Runnable rolledBack) {
        onCommit.add(committed);
        onRollback.add(rolledBack);
    }

    /** The unit was rolled back to its savepoint: whatever happens to the transaction, it did not commit. */
    void unitFailed() {
        unitFailed = true;
    }

    /** Runs the unit's actions, now that the shared transaction has committed or not. */
    void settle(boolean transactionCommitted) {
        for (Runnable action : transactionCommitted && !unitFailed ? onCommit : onRollback) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // One action's failure must not keep the others, or the callers' answers, from happening.
                log.error("An action after a group commit failed", e);
            }
        }
    }
}

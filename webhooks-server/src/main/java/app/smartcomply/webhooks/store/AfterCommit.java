package app.smartcomply.webhooks.store;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs an action once the current unit of work has committed, or now if there is none: for what
 * must not happen before others can see the unit's rows — waking the engines, say, which would
 * look for rows they cannot see yet. Nothing runs if it rolls back.
 *
 * <p>The unit is a {@link GroupCommitter} unit where there is one: units that share one
 * transaction each keep their own actions, and those of a unit rolled back to its savepoint never
 * run even though the shared transaction commits. Elsewhere it is the current transaction.
 */
public final class AfterCommit {

    private AfterCommit() {}

    public static void run(Runnable action) {
        settle(action, () -> {});
    }

    /**
     * Runs exactly one of the two actions once the current unit of work is settled: {@code
     * committed} if it committed, {@code rolledBack} if it did not (or its outcome is unknown). With
     * no unit and no transaction, {@code committed} runs now. Both must return at once: they run on
     * the thread that committed, which may be the store's writer.
     */
    public static void settle(Runnable committed, Runnable rolledBack) {
        UnitCallbacks unit = UnitCallbacks.current();
        if (unit != null) {
            unit.add(committed, rolledBack);
        } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    (status == STATUS_COMMITTED ? committed : rolledBack).run();
                }
            });
        } else {
            committed.run();
        }
    }
}

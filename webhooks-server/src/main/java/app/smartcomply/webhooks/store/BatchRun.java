package app.smartcomply.webhooks.store;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One savepoint's worth of a {@link GroupCommitter} batch: a plain unit, or items of one group.
 * Running it sets each unit's value or failure; the committer answers the callers.
 */
record BatchRun(Grouped<?> group, List<GroupCommitter.Unit<?>> units) {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    /**
     * Runs in savepoints (none if {@code savepoint} is null), adding each one's after-commit
     * actions to {@code callbacks}.
     */
    void execute(TransactionTemplate savepoint, List<UnitCallbacks> callbacks) {
        if (group == null) {
            GroupCommitter.Unit<?> unit = units.getFirst();
            Object[] value = new Object[1];
            unit.failed = inSavepoint(savepoint, callbacks, () -> value[0] = unit.work.get());
            unit.value = value[0];
            return;
        }
        Throwable failed = inSavepoint(savepoint, callbacks, () -> writeAll(units));
        if (failed instanceof RuntimeException e && units.size() > 1 && group.write.retryAlone(e)) {
            log.warn("Writing a group of {} items failed ({}); writing them one by one", units.size(), e.getMessage());
            for (GroupCommitter.Unit<?> unit : units) {
                unit.failed = inSavepoint(savepoint, callbacks, () -> writeAll(List.of(unit)));
            }
            return;
        }
        for (GroupCommitter.Unit<?> unit : units) {
            unit.failed = failed;
        }
    }

    @SuppressWarnings("unchecked")
    private <T> void writeAll(List<GroupCommitter.Unit<?>> items) {
        ((GroupedWrite<T>) group.write)
                .writeAll(items.stream().map(unit -> (T) unit.item).toList());
    }

    /**
     * Runs the work in a savepoint, collecting the actions it registers to run after the commit.
     *
     * @return its failure, rolled back to the savepoint; null if none
     */
    private static Throwable inSavepoint(TransactionTemplate savepoint, List<UnitCallbacks> callbacks, Runnable work) {
        UnitCallbacks unit = new UnitCallbacks();
        callbacks.add(unit);
        Throwable failed = inSavepoint(savepoint, unit, work);
        if (failed != null) {
            unit.unitFailed(); // rolled back to its savepoint: its actions never run as committed
        }
        return failed;
    }

    /** Without a savepoint ({@code savepoint} null), a failure rolls back the whole transaction. */
    private static Throwable inSavepoint(TransactionTemplate savepoint, UnitCallbacks unit, Runnable work) {
        if (savepoint == null) {
            unit.collecting(() -> {
                work.run();
                return null;
            });
            return null;
        }
        try {
            unit.collecting(() -> {
                savepoint.executeWithoutResult(status -> work.run());
                return null;
            });
            return null;
        } catch (TransactionSystemException e) {
            if (e.getApplicationException() == null) {
                return e;
            }
            // The unit failed and even its savepoint could not be rolled back: the engine has rolled
            // back the whole transaction itself (SQLite does on SQLITE_FULL, SQLITE_IOERR, ...). The
            // units before this one are gone with it, and a unit run after it would start a new
            // transaction that commits on its own; so the batch stops and every unit gets the failure.
            throw new BrokenBatch(e.getApplicationException());
        } catch (RuntimeException e) {
            return e; // rolled back to this savepoint; the rest of the batch goes on
        }
    }

    /** A unit's failure that took the whole batch's transaction with it. */
    static final class BrokenBatch extends RuntimeException {
        BrokenBatch(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }

        /** What the batch's callers are told: the unit's own failure if the batch broke on it. */
        static Throwable original(Throwable failure) {
            if (failure instanceof BrokenBatch broken) {
                return broken.getCause();
            }
            if (failure instanceof TransactionSystemException rollbackFailed
                    && (rollbackFailed.getApplicationException() instanceof BrokenBatch
                            || rollbackFailed.getApplicationException() instanceof GroupCommitter.UnitThrew)) {
                return rollbackFailed.getApplicationException().getCause();
            }
            return failure;
        }
    }
}

package app.smartcomply.webhooks.store;

import app.smartcomply.webhooks.background.Batcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: many threads' small write transactions share one database commit.
 *
 * <p>A durable commit costs an fsync, and on one disk that caps a store at a few hundred to a few
 * thousand commits per second however small they are. Publishing an event and recording an attempt
 * are exactly such small transactions, thousands per second under load. So callers hand their unit
 * of work to one writer thread, which runs every unit waiting at that moment inside a single
 * transaction and commits once; each caller returns only after that commit, so "committed when
 * {@link #execute} returns" still holds for every unit.
 *
 * <p>A unit that throws is rolled back alone and its caller gets the exception, while the other units
 * of the batch commit; its {@link AfterCommit} actions are its own, and never run if it was rolled
 * back. A batch runs first with no savepoints, the common case costing two statements fewer per
 * unit; if a unit throws, that transaction is rolled back whole and the batch runs again with each
 * unit in its own savepoint. So a unit's work may run twice, the first time rolled back: it must
 * leave nothing behind but its writes and its {@link AfterCommit} actions. If the commit itself
 * fails (database unreachable), every unit of the batch gets that failure and nothing of it is
 * committed. Batching is natural — no waiting to fill a batch: while one commit runs, the next
 * units queue up.
 *
 * <p>{@link #passThrough} makes a committer that batches nothing — each {@link #execute} runs in
 * its own transaction on the caller's thread. That is the right choice on PostgreSQL, whose
 * commits and row locks run in parallel across pooled connections; one writer thread would only
 * serialize round trips there. SQLite has one writer anyway, so there the batching pays.
 *
 * <p>{@link #grouped} goes one step further for writes that many callers make alike (attempt
 * outcomes): their items are queued once, and all those of one group in a batch are written by
 * one call, in one savepoint.
 *
 * <p>The callers are answered from a thread of their own ({@code group-commit-answers}): waking a
 * waiting thread can cost a system call, and a wake-up per unit — per attempt outcome, thousands a
 * second — on the writer thread would lengthen every commit, the store's one serial step. Each
 * unit's after-commit actions still run on the writer, before its caller is answered.
 *
 * <p>A unit runs on the writer thread, so it must not wait on other threads' transactions. Called
 * from inside a transaction (or from a unit), {@link #execute} joins that transaction instead of
 * queueing, which keeps nested calls correct and deadlock-free.
 */
public final class GroupCommitter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    /**
     * Units that share one fsync well enough: a batch this large is committed without waiting for
     * more. Larger batches only come when the writer is busy, and then waiting would hold the store's
     * one serial thread idle (decision 030).
     */
    static final int LINGER_UNTIL = 8;

    private final TransactionTemplate batchTransaction;
    private final TransactionTemplate unitSavepoint;
    private final TransactionTemplate ownTransaction;
    /** The writer: null for {@link #passThrough}. */
    private final Batcher<Unit<?>> writer;
    /** Answers the writer's callers once their batch is settled: null for {@link #passThrough}. */
    private final Batcher<Unit<?>> answers;

    /** A committer that runs every unit in its own transaction, on the caller's thread. */
    public static GroupCommitter passThrough(PlatformTransactionManager transactions) {
        return new GroupCommitter(transactions, 0, 1);
    }

    /** A batching committer that never waits for more units: see the four-argument constructor. */
    public GroupCommitter(PlatformTransactionManager transactions, int maxBatch, int maxQueued) {
        this(transactions, maxBatch, maxQueued, Duration.ZERO);
    }

    /**
     * @param maxBatch most units per shared transaction; 0 for {@link #passThrough} behaviour
     * @param maxQueued units waiting at most; callers beyond that wait to enqueue (back-pressure)
     * @param commitDelay how long a batch may wait for more units while they keep coming ({@link
     *     Batcher#lingering})
     */
    public GroupCommitter(PlatformTransactionManager transactions, int maxBatch, int maxQueued, Duration commitDelay) {
        this.batchTransaction = new TransactionTemplate(transactions);
        this.unitSavepoint = new TransactionTemplate(transactions);
        this.unitSavepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.ownTransaction = new TransactionTemplate(transactions);
        // Closed after the writer, so that the writer's last batches are answered; an answer refused
        // at the very end is given on the closing thread.
        this.answers = maxBatch == 0
                ? null
                : new Batcher<Unit<?>>(
                                "group-commit-answers",
                                Math.max(maxBatch, 1024),
                                Integer.MAX_VALUE,
                                units -> units.forEach(Unit::complete),
                                (unit, refused) -> unit.complete())
                        .start();
        this.writer = maxBatch == 0
                ? null
                : new Batcher<Unit<?>>(
                                "group-commit",
                                maxBatch,
                                maxQueued,
                                this::commit,
                                (unit, refused) -> unit.refuse(new IllegalStateException("The store is shutting down")))
                        .lingering(commitDelay, LINGER_UNTIL)
                        .start();
    }

    /**
     * Runs {@code work} in a transaction shared with other callers' work and returns its result once
     * that transaction has committed. Exceptions thrown by {@code work}, or by the commit, are
     * rethrown to the caller.
     */
    public <T> T execute(Supplier<T> work) {
        return queue(Unit.of(work), null);
    }

    /**
     * Items of many callers written together by one {@link GroupedWrite} call, at most {@code
     * maxItems} at a time. On a batching committer they share its writer's transactions; on a
     * pass-through one the group gets a thread of its own, {@code threadName}, whose every batch is
     * one transaction. Close the group before the committer.
     */
    public <T> Grouped<T> grouped(String threadName, int maxItems, GroupedWrite<T> write) {
        return new Grouped<>(this, threadName, maxItems, write, writer == null);
    }

    /** Queues the unit to {@code to} (the committer's writer if null) and waits for its commit. */
    <T> T queue(Unit<T> unit, Batcher<Unit<?>> to) {
        Batcher<Unit<?>> queue = to != null ? to : writer;
        if (queue == null
                || queue.isConsumerThread()
                || (writer != null && writer.isConsumerThread())
                || TransactionSynchronizationManager.isActualTransactionActive()) {
            return ownTransaction.execute(status -> unit.runHere());
        }
        try {
            if (!queue.add(unit)) {
                return ownTransaction.execute(status -> unit.runHere()); // closed: the store is being shut down
            }
            return unit.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Commits one batch of units in one transaction; then settles their {@link AfterCommit} actions
     * and answers the callers. A batch of several units runs first without savepoints, the common
     * case in which no unit throws; if one does, that transaction is rolled back and the batch runs
     * again with each unit (or group of items) in its own savepoint, so that the failing unit is
     * rolled back alone (decision 029).
     */
    void commit(List<Unit<?>> batch) {
        List<BatchRun> runs = runsOf(batch);
        // A unit alone in its transaction needs no savepoint: its failure rolls back nothing else.
        if (batch.size() == 1 || !committedWithoutSavepoints(runs, batch)) {
            commit(runs, batch, batch.size() == 1 ? null : unitSavepoint);
        }
        answer(batch);
    }

    /**
     * Runs the batch without savepoints.
     *
     * @return false if a unit threw: then nothing of the batch is committed and its units' actions
     *     have run as rolled back, for the batch to run again; true if the batch is settled, committed
     *     or failed as a whole
     */
    private boolean committedWithoutSavepoints(List<BatchRun> runs, List<Unit<?>> batch) {
        List<UnitCallbacks> callbacks = new ArrayList<>(runs.size());
        boolean committed = false;
        try {
            batchTransaction.executeWithoutResult(status -> {
                for (BatchRun run : runs) {
                    try {
                        run.execute(null, callbacks);
                    } catch (RuntimeException e) {
                        throw new UnitThrew(e);
                    }
                }
            });
            committed = true;
        } catch (UnitThrew unitThrew) {
            // Rare by design (a key reused with other data, a full disk); if this shows often, the
            // batches it hits cost twice and savepoints first would be cheaper (decision 029).
            log.debug(
                    "A unit of a batch of {} threw {}; the batch runs again in savepoints",
                    batch.size(),
                    unitThrew.getCause().getClass().getName());
            settle(callbacks, false);
            return false;
        } catch (RuntimeException | Error commitFailed) {
            failAll(batch, commitFailed);
        }
        settle(callbacks, committed);
        return true;
    }

    /** Runs the batch in one transaction, each run in a savepoint unless {@code savepoint} is null. */
    private void commit(List<BatchRun> runs, List<Unit<?>> batch, TransactionTemplate savepoint) {
        List<UnitCallbacks> callbacks = new ArrayList<>(runs.size());
        boolean committed = false;
        try {
            batchTransaction.executeWithoutResult(status -> {
                for (BatchRun run : runs) {
                    run.execute(savepoint, callbacks);
                }
            });
            committed = true;
        } catch (RuntimeException | Error commitFailed) {
            failAll(batch, commitFailed);
        }
        settle(callbacks, committed);
    }

    private static void failAll(List<Unit<?>> batch, Throwable commitFailed) {
        Throwable failure = BatchRun.BrokenBatch.original(commitFailed);
        for (Unit<?> unit : batch) {
            unit.failed = failure;
        }
        if (batch.size() > 1) {
            log.warn("Group commit of {} units failed: {}", batch.size(), commitFailed.getMessage());
        }
    }

    private static void settle(List<UnitCallbacks> callbacks, boolean committed) {
        for (UnitCallbacks unit : callbacks) {
            unit.settle(committed);
        }
    }

    /**
     * The batch as savepoints: each plain unit alone; the items of one group together (at most its
     * {@code maxItems} per savepoint), where the group's first item stands. Units that wait at the
     * same time are independent, so writing a group's items together changes nothing any caller
     * can tell.
     */
    private static List<BatchRun> runsOf(List<Unit<?>> batch) {
        List<BatchRun> runs = new ArrayList<>(batch.size());
        Map<Grouped<?>, BatchRun> open = new LinkedHashMap<>();
        for (Unit<?> unit : batch) {
            if (unit.group == null) {
                runs.add(new BatchRun(null, List.of(unit)));
                continue;
            }
            BatchRun run = open.get(unit.group);
            if (run == null || run.units().size() == unit.group.maxItems) {
                run = new BatchRun(unit.group, new ArrayList<>());
                open.put(unit.group, run);
                runs.add(run);
            }
            run.units().add(unit);
        }
        return runs;
    }

    /** Answers the callers of a settled batch: from the answering thread where there is one. */
    private void answer(List<Unit<?>> batch) {
        for (Unit<?> unit : batch) {
            if (answers == null || !answers.offer(unit)) {
                unit.complete(); // a pass-through committer, or one closing
            }
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close(Duration.ofSeconds(5)); // commits what is queued first
        }
        if (answers != null) {
            answers.close(Duration.ofSeconds(5)); // answers what the writer's last batches settled
        }
    }

    /** A unit's failure in a batch run without savepoints: the batch is rolled back and runs again. */
    static final class UnitThrew extends RuntimeException {
        UnitThrew(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** One caller's work (or item of a group), its outcome, and the caller waiting for it. */
    static final class Unit<T> {
        final Supplier<T> work;
        final Grouped<?> group;
        final Object item;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        Object value;
        Throwable failed;

        private Unit(Supplier<T> work, Grouped<?> group, Object item) {
            this.work = work;
            this.group = group;
            this.item = item;
        }

        static <T> Unit<T> of(Supplier<T> work) {
            return new Unit<>(work, null, null);
        }

        static <I> Unit<Void> item(Grouped<I> group, I item) {
            return new Unit<>(null, group, item);
        }

        /** Runs it on the calling thread, in whatever transaction is current. */
        @SuppressWarnings("unchecked")
        T runHere() {
            if (group == null) {
                return work.get();
            }
            ((GroupedWrite<Object>) group.write).writeAll(List.of(item));
            return null;
        }

        void refuse(RuntimeException why) {
            result.completeExceptionally(why);
        }

        @SuppressWarnings("unchecked")
        void complete() {
            if (failed != null) {
                result.completeExceptionally(failed);
            } else {
                result.complete((T) value);
            }
        }
    }
}

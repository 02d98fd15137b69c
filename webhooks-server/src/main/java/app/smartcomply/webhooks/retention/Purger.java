package app.smartcomply.webhooks.retention;

import app.smartcomply.webhooks.store.GroupCommitter;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what is past the retention period (see the package documentation for what exactly),
 * one round at a time. {@link PurgeSchedule} runs a round every purge interval; tests call {@link
 * #purgeOnce} themselves after stepping the clock.
 *
 * <p>A round is many short transactions, each through the store's {@link GroupCommitter}: on
 * SQLite that is the one writer, so publishes and attempt outcomes queued meanwhile commit between
 * two batches instead of waiting for the round. The horizon is fixed when the round starts.
 */
public final class Purger {

    private static final Logger log = LoggerFactory.getLogger(Purger.class);

    private final RetentionHorizon horizon;
    private final int batchSize;
    private final GroupCommitter commits;
    private final EventPurge events;
    private final EndpointPurge endpoints;
    private final RoundLock roundLock;
    private final Optional<SqliteSpace> space;
    private final PurgePace pace;
    private final PurgeMetrics metrics;
    /** One round at a time on this node (the schedule's and a test's). */
    private final ReentrantLock running = new ReentrantLock();

    Purger(
            RetentionHorizon horizon,
            int batchSize,
            GroupCommitter commits,
            EventPurge events,
            EndpointPurge endpoints,
            RoundLock roundLock,
            Optional<SqliteSpace> space,
            PurgePace pace,
            PurgeMetrics metrics) {
        this.pace = pace;
        this.horizon = horizon;
        this.batchSize = batchSize;
        this.commits = commits;
        this.events = events;
        this.endpoints = endpoints;
        this.roundLock = roundLock;
        this.space = space;
        this.metrics = metrics;
    }

    /** Runs one whole purge round now, on the calling thread, and says what it deleted. */
    public PurgeRound purgeOnce() {
        running.lock();
        try {
            Optional<RoundLock.Held> lock = roundLock.tryAcquire();
            if (lock.isEmpty()) {
                log.debug("Purge round skipped: another node is purging");
                return PurgeRound.skipped();
            }
            try (RoundLock.Held held = lock.get()) {
                return round(horizon.millis());
            }
        } finally {
            running.unlock();
        }
    }

    private PurgeRound round(long before) {
        long eventCount = 0;
        long deliveryCount = 0;
        long attemptCount = 0;
        String after = "evt_";
        EventPurge.Batch batch;
        do {
            String from = after;
            batch = pace.run(() -> commits.execute(() -> events.run(from, before, batchSize)));
            after = batch.lastExamined();
            eventCount += batch.events();
            deliveryCount += batch.deliveries();
            attemptCount += batch.attempts();
            metrics.purged("events", batch.events());
            metrics.purged("deliveries", batch.deliveries());
            metrics.purged("attempts", batch.attempts());
        } while (batch.examined() == batchSize && !Thread.currentThread().isInterrupted());

        long endpointCount = 0;
        long secretCount = 0;
        EndpointPurge.Batch gone;
        do {
            gone = pace.run(() -> commits.execute(() -> endpoints.run(before, batchSize)));
            endpointCount += gone.endpoints();
            secretCount += gone.secrets();
            metrics.purged("endpoints", gone.endpoints());
            metrics.purged("endpoint_secrets", gone.secrets());
        } while (gone.endpoints() == batchSize);

        long pages = space.map(SqliteSpace::reclaim).orElse(0L);
        PurgeRound round =
                new PurgeRound(true, eventCount, deliveryCount, attemptCount, endpointCount, secretCount, pages);
        if (round.deletedAny()) {
            log.info(
                    "Purged {} events, {} deliveries, {} attempts, {} endpoints past the retention period;"
                            + " {} pages released",
                    eventCount,
                    deliveryCount,
                    attemptCount,
                    endpointCount,
                    pages);
        }
        return round;
    }
}

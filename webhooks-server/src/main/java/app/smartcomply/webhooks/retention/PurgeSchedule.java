package app.smartcomply.webhooks.retention;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a purge round every purge interval on a thread of its own, the first one interval after
 * start. A round that fails (database unreachable, disk full) is logged and the next one tries
 * again; nothing it did commit is lost, and what it did not is found again.
 */
final class PurgeSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PurgeSchedule.class);

    private final Purger purger;
    private final Duration interval;
    private ScheduledExecutorService executor;

    PurgeSchedule(Purger purger, Duration interval) {
        this.purger = purger;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("purge").daemon().factory());
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::round, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            purger.purgeOnce();
        } catch (RuntimeException e) {
            log.warn("Purge round failed, the next one tries again in {}: {}", interval, e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}

package app.smartcomply.webhooks.retention;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Keeps a purge round from taking the store's writer for long stretches: after each unit of work
 * (a batch of deletes, a step of page release) the round rests for as long as the unit took, times
 * {@code restRatio}, at most {@code maxRest}. With the default ratio of 1 the purge has the writer
 * at most about half of the time during a round, so publishes and attempt outcomes — which on
 * SQLite share its one writer — keep going while a large backlog is deleted; the round takes
 * correspondingly longer. Wall time on purpose: it paces work against the machine, not the
 * service's business clock.
 */
final class PurgePace {

    private final double restRatio;
    private final Duration maxRest;

    PurgePace(double restRatio, Duration maxRest) {
        if (restRatio < 0 || Double.isNaN(restRatio)) {
            throw new IllegalArgumentException("webhooks.retention.rest-ratio must be 0 or more, not " + restRatio);
        }
        this.restRatio = restRatio;
        this.maxRest = maxRest;
    }

    /** Runs one unit of purge work, then rests in proportion to how long it took. */
    <T> T run(Supplier<T> unit) {
        long started = System.nanoTime();
        T result = unit.get();
        rest(System.nanoTime() - started);
        return result;
    }

    private void rest(long workedNanos) {
        long nanos = Math.min((long) (workedNanos * restRatio), maxRest.toNanos());
        if (nanos <= 0) {
            return;
        }
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException e) {
            // Shutting down: the round ends at its next check; the flag stays set for it.
            Thread.currentThread().interrupt();
        }
    }
}

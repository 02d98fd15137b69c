package app.smartcomply.webhooks.background;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named thread that runs a {@link Step} over and over until stopped: the engine's dispatcher,
 * the hand-off starter, the store's writer, the PostgreSQL listener and notifier.
 *
 * <p>Between turns that found nothing to do it waits on its {@link WakeUp}, at most the given
 * time, so work that nobody announced is still found. A turn that throws a {@link
 * RuntimeException} (the store unreachable, say) is logged once per run of failures — at WARN when
 * the run begins, at INFO when a turn works again — and the loop rests for the retry interval
 * before the next turn. Anything else thrown (an {@link Error}) ends the thread, logged at ERROR:
 * a thread that dies silently is how background work stops without anyone noticing.
 *
 * <p>{@link #stop} asks the loop to end after its current turn, wakes it, and waits a bounded time
 * for it; it never interrupts the thread (an interrupt in the middle of a JDBC call can break the
 * connection). Not restartable: make a new loop to start again.
 */
public final class BackgroundLoop {

    /** One turn of the loop. */
    @FunctionalInterface
    public interface Step {
        /**
         * @return true if more work may already be waiting, so the next turn runs at once; false to
         *     wait for the wake-up (or the bounded wait) first
         */
        boolean run() throws InterruptedException;
    }

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

    private final String name;
    private final Thread.Builder threads;
    private final WakeUp wakeUp;
    private final Duration idle;
    private final String failing;
    private final Duration retryEvery;
    private final Runnable onFailure;
    private final boolean lastTurnOnStop;
    private final Step step;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private Thread thread;

    private BackgroundLoop(Builder builder, Step step) {
        this.name = builder.name;
        this.threads = builder.threads;
        this.wakeUp = builder.wakeUp;
        this.idle = builder.idle;
        this.failing = builder.failing;
        this.retryEvery = builder.retryEvery;
        this.onFailure = builder.onFailure;
        this.lastTurnOnStop = builder.lastTurnOnStop;
        this.step = Objects.requireNonNull(step);
    }

    /** A loop on a daemon platform thread of this name (for work that calls JDBC drivers). */
    public static Builder platform(String name) {
        return new Builder(name, Thread.ofPlatform().name(name).daemon());
    }

    /** A loop on a virtual thread of this name (for work that only waits and never pins). */
    public static Builder virtual(String name) {
        return new Builder(name, Thread.ofVirtual().name(name));
    }

    /** Starts the thread. */
    public synchronized BackgroundLoop start() {
        if (thread != null) {
            throw new IllegalStateException(name + " was started already");
        }
        running = true;
        thread = threads.start(this::loop);
        return this;
    }

    /**
     * Asks the loop to end after its current turn (and its last turn, if it has one), wakes it, and
     * waits for it at most {@code join}.
     *
     * @return true if the thread has ended (or never started)
     */
    public boolean stop(Duration join) {
        Thread loop;
        synchronized (this) {
            running = false;
            loop = thread;
        }
        stopping.countDown();
        if (wakeUp != null) {
            wakeUp.fire();
        }
        if (loop == null) {
            return true;
        }
        try {
            if (!loop.join(join)) {
                log.warn("Background thread {} did not end within {}", name, join);
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True from {@link #start} until {@link #stop}: steps check it to end long turns early. */
    public boolean isRunning() {
        return running;
    }

    /** True if the calling thread is this loop's. */
    public boolean isLoopThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Waits {@code duration}, or less if the loop is stopped meanwhile; for steps that back off.
     *
     * @return true if the loop is still running
     */
    public boolean rest(Duration duration) throws InterruptedException {
        return !stopping.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void loop() {
        int failuresInARow = 0;
        try {
            while (running) {
                boolean more;
                try {
                    more = step.run();
                } catch (RuntimeException e) {
                    if (failuresInARow++ == 0) {
                        log.warn("{} failed, retrying every {}: {}", failing, retryEvery, e.getMessage());
                    } else {
                        log.debug("{} failed again: {}", failing, e.getMessage());
                    }
                    onFailure.run();
                    rest(retryEvery);
                    continue;
                }
                if (failuresInARow > 0) {
                    log.info("{} works again after {} failed tries", failing, failuresInARow);
                    failuresInARow = 0;
                }
                if (!more && running && wakeUp != null) {
                    wakeUp.await(idle);
                }
            }
            if (lastTurnOnStop) {
                while (step.run()) {
                    // until the step says nothing is left
                }
            }
        } catch (InterruptedException e) {
            // Interrupted by someone else's shutdown (the JVM's, a test's): end quietly.
        } catch (RuntimeException | Error e) {
            log.error("Background thread {} crashed; its work stops until the service restarts", name, e);
            throw e;
        }
    }

    /** How the loop waits and fails; {@link #build} makes it. */
    public static final class Builder {
        private final String name;
        private final Thread.Builder threads;
        private WakeUp wakeUp;
        private Duration idle = Duration.ZERO;
        private String failing;
        private Duration retryEvery = Duration.ofSeconds(1);
        private Runnable onFailure = () -> {};
        private boolean lastTurnOnStop;

        private Builder(String name, Thread.Builder threads) {
            this.name = name;
            this.threads = threads;
            this.failing = name;
        }

        /**
         * Between turns that found nothing to do, waits until {@code wakeUp} is fired or {@code
         * atMost} has passed. Without it the next turn runs at once (the step waits itself).
         */
        public Builder wokenBy(WakeUp wakeUp, Duration atMost) {
            this.wakeUp = wakeUp;
            this.idle = atMost;
            return this;
        }

        /**
         * How a failed turn is logged ({@code what} + " failed"), how long the loop rests after it, and
         * what else to do (count it); default: the thread's name, 1 s, nothing.
         */
        public Builder failures(String what, Duration retryEvery, Runnable onFailure) {
            this.failing = what;
            this.retryEvery = retryEvery;
            this.onFailure = onFailure;
            return this;
        }

        /** On stop, runs the step once more — until it returns false — to finish what was asked. */
        public Builder lastTurnOnStop() {
            this.lastTurnOnStop = true;
            return this;
        }

        /** The loop, not yet started. */
        public BackgroundLoop build(Step step) {
            return new BackgroundLoop(this, step);
        }
    }
}

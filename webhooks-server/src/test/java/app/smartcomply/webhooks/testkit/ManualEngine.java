package app.smartcomply.webhooks.testkit;

import app.smartcomply.webhooks.delivery.internal.DeliveryEngine;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * Steps the delivery engine by hand, the way db-scheduler's {@code ManualScheduler} steps its
 * executions: a test moves the {@link MutableClock} and asks the engine to run what is due, and
 * gets control back once every attempt that started is recorded — so it can assert on the
 * receiver and the delivery log at once, instead of sleeping or polling until something happens,
 * and can assert that nothing happened without waiting for a window to pass.
 *
 * <p>The engine's own dispatcher keeps running (a publish's hand-off and wake-ups stay real); a
 * step takes its claim after any claim the dispatcher is in the middle of, and waits for those
 * attempts too. The wait is real time bounded by {@link #LIMIT}: an attempt is network I/O to a
 * real receiver, and the limit only turns a hang into a failure.
 */
public final class ManualEngine {

    /** The longest a step waits for attempts to be recorded; a receiver's answer takes milliseconds. */
    public static final Duration LIMIT = Duration.ofSeconds(15);

    private final DeliveryEngine engine;
    private final MutableClock clock;
    private final MeterRegistry meters;

    public ManualEngine(DeliveryEngine engine, MutableClock clock, MeterRegistry meters) {
        this.engine = engine;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Claims and starts everything due at the clock's current time, then waits until every attempt
     * in flight — including those a publish handed off — is recorded; and again until a round began
     * with nothing in flight and claimed nothing. (A claim leaves out endpoints without room, so
     * while attempts are in flight, or handed-off deliveries wait, an attempt that ends or a
     * hand-off that gives up can make room for deliveries the claim passed over.)
     */
    public void runDue() {
        try {
            for (int round = 1; ; round++) {
                boolean idleBefore = engine.inFlight() == 0;
                double claimedBefore = claimed();
                if (!engine.runDueAndAwaitRecorded(LIMIT)) {
                    throw new AssertionError(
                            "Attempts were still in flight after " + LIMIT + " (" + engine.inFlight() + ")");
                }
                if (idleBefore && claimed() == claimedBefore) {
                    return;
                }
                if (round == 100) {
                    throw new AssertionError("The engine still found work to do after " + round + " rounds");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Deliveries started from claims so far, the engine's or a step's. */
    private double claimed() {
        return meters.get("webhooks.deliveries.started")
                .tag("via", "claim")
                .counter()
                .count();
    }

    /** Steps the clock by {@code duration}, then {@link #runDue()}. */
    public void advance(Duration duration) {
        clock.advance(duration);
        runDue();
    }

    /**
     * Waits until the attempts already started (a publish's hand-off, say) are recorded; claims only
     * what is due now, which after a publish is what found no room for a hand-off.
     */
    public void settle() {
        runDue();
    }
}

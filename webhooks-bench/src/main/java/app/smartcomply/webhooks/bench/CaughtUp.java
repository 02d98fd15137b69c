package app.smartcomply.webhooks.bench;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Whether a service under a steady load has caught up with it: for {@value #CHECKS_IN_A_ROW} checks
 * in a row, fewer deliveries were still on their way than {@value #PENDING_MS} ms of the load makes.
 *
 * <p>Why a warm-up needs it: a freshly started JVM compiles for its first half minute or more, and
 * at a high rate it falls behind meanwhile — at 3,000 events/s on two cores, by tens of seconds of
 * deliveries, which it works off only some time after the compiler is done. A warm-up of fixed
 * length can end while that backlog is still draining, and the measured phase then measures the
 * recovery from a cold start instead of the service as it runs.
 *
 * <p>Asked once per second of publishing ({@link
 * app.smartcomply.webhooks.bench.load.Publisher#openLoop(double, java.time.Duration,
 * java.time.Duration, BooleanSupplier, int)}); not thread-safe.
 */
final class CaughtUp implements BooleanSupplier {

    static final int CHECKS_IN_A_ROW = 5;
    static final long PENDING_MS = 100;

    private final LongSupplier expected;
    private final LongSupplier received;
    private final long mostPending;
    private int inARow;

    /**
     * @param expected deliveries of the events accepted so far
     * @param received deliveries that arrived so far
     * @param deliveriesPerSecond the load, in deliveries per second
     */
    CaughtUp(LongSupplier expected, LongSupplier received, double deliveriesPerSecond) {
        this.expected = expected;
        this.received = received;
        this.mostPending = Math.max(1, (long) (deliveriesPerSecond * PENDING_MS / 1000));
    }

    @Override
    public boolean getAsBoolean() {
        long pending = expected.getAsLong() - received.getAsLong();
        inARow = pending < mostPending ? inARow + 1 : 0;
        return inARow >= CHECKS_IN_A_ROW;
    }
}

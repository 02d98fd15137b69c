package app.smartcomply.webhooks.testkit;

import app.smartcomply.webhooks.delivery.internal.DeliveryEngine;
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

  public ManualEngine(DeliveryEngine engine, MutableClock clock) {
    this.engine = engine;
    this.clock = clock;
  }

  /**
   * Claims and starts everything due at the clock's current time, then waits until every attempt
   * in flight — including those a publish handed off — is recorded.
   */
  public void runDue() {
    try {
      if (!engine.runDueAndAwaitRecorded(LIMIT)) {
        throw new AssertionError("Attempts were still in flight after " + LIMIT + " (" + engine.inFlight() + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
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

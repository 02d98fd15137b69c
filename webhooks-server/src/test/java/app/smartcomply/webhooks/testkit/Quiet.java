package app.smartcomply.webhooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

/**
 * Checks that something does NOT happen. The engine is woken at once when time is stepped, so a
 * wrongly early send shows up within milliseconds; the short real wait only gives it the chance.
 */
public final class Quiet {

  /** Long enough for a woken engine to claim and send (poll interval in tests is 50 ms). */
  public static final Duration WINDOW = Duration.ofMillis(300);

  private Quiet() {}

  /** Asserts the receiver still has exactly {@code expected} requests after {@link #WINDOW}. */
  public static void assertNoMoreRequests(TestReceiver receiver, int expected) {
    sleep(WINDOW);
    assertThat(receiver.received()).as("requests the receiver got").hasSize(expected);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

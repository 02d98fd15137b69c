package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.RetryPolicy;
import java.util.random.RandomGenerator;

/**
 * Decides what an attempt's result means for its delivery: any 2xx is success; {@code 410 Gone}
 * kills the delivery and switches the endpoint off; anything else is retried on the {@link
 * RetryPolicy} until it runs out, then the delivery is dead.
 */
final class AttemptPlanner {

  static final String GONE_REASON = "The endpoint answered 410 Gone.";

  private final RetryPolicy policy;
  private final RandomGenerator random;

  AttemptPlanner(RetryPolicy policy, RandomGenerator random) {
    this.policy = policy;
    this.random = random;
  }

  NextStep plan(AttemptResult result, int attemptNumber, long now) {
    if (result.succeeded()) {
      return NextStep.succeeded();
    }
    if (result.gone()) {
      return NextStep.deadAndDisable(GONE_REASON);
    }
    return policy.delayAfter(attemptNumber, result.retryAfter(), random)
        .map(delay -> NextStep.retryAt(now + delay.toMillis()))
        .orElseGet(NextStep::dead);
  }
}

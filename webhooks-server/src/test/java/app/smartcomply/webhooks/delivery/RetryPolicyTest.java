package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The retry policy as a pure function: schedule, jitter bounds, Retry-After clamping, the end. */
class RetryPolicyTest {

    private static final int SAMPLES = 20_000;

    private final RetryPolicy policy = RetryPolicy.defaults();

    @Test
    void defaultScheduleIsTenAttemptsAboutThreeDays() {
        assertThat(policy.delays())
                .containsExactly(
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(10),
                        Duration.ofHours(1),
                        Duration.ofHours(3),
                        Duration.ofHours(6),
                        Duration.ofHours(12),
                        Duration.ofHours(24),
                        Duration.ofHours(24));
        assertThat(policy.maxAttempts()).isEqualTo(10);
    }

    @Test
    void everyJitteredDelayStaysWithinTwentyPercentAndTheRangeIsUsed() {
        RandomGenerator random = new SplittableRandom(20260505L);
        for (int failed = 1; failed <= 9; failed++) {
            long base = policy.delays().get(failed - 1).toMillis();
            long lowest = Long.MAX_VALUE;
            long highest = Long.MIN_VALUE;
            for (int i = 0; i < SAMPLES; i++) {
                long delay = policy.delayAfter(failed, Optional.empty(), random)
                        .orElseThrow()
                        .toMillis();
                lowest = Math.min(lowest, delay);
                highest = Math.max(highest, delay);
            }
            assertThat(lowest)
                    .as("shortest wait after attempt %d", failed)
                    .isGreaterThanOrEqualTo(Math.round(base * 0.8));
            assertThat(highest).as("longest wait after attempt %d", failed).isLessThanOrEqualTo(Math.round(base * 1.2));
            // Jitter really spreads retries: the samples reach close to both ends.
            assertThat(lowest).as("shortest wait after attempt %d", failed).isLessThan(Math.round(base * 0.81));
            assertThat(highest).as("longest wait after attempt %d", failed).isGreaterThan(Math.round(base * 1.19));
        }
    }

    @Test
    void theTenthFailureIsTheLast() {
        RandomGenerator random = new SplittableRandom(1);
        assertThat(policy.delayAfter(10, Optional.empty(), random)).isEmpty();
        assertThat(policy.delayAfter(11, Optional.empty(), random)).isEmpty();
        assertThat(policy.delayAfter(10, Optional.of(Duration.ofSeconds(30)), random))
                .as("Retry-After does not add attempts")
                .isEmpty();
    }

    @Test
    void retryAfterOnlyLengthensTheScheduledWaitUpToOneDay() {
        RandomGenerator random = new SplittableRandom(7);
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofSeconds(120)), random))
                .contains(Duration.ofSeconds(120));
        assertThat(policy.delayAfter(3, Optional.of(Duration.ofHours(24)), random))
                .contains(Duration.ofHours(24));
        assertThat(policy.delayAfter(3, Optional.of(Duration.ofDays(30)), random))
                .contains(Duration.ofHours(24));
        // Shorter than the schedule: the schedule wins (after attempt 3 it is 10 min ±20 %).
        for (Duration shorter :
                new Duration[] {Duration.ZERO, Duration.ofMillis(400), Duration.ofSeconds(1), Duration.ofMinutes(5)}) {
            assertThat(policy.delayAfter(3, Optional.of(shorter), random).orElseThrow())
                    .as("Retry-After %s after attempt 3", shorter)
                    .isBetween(Duration.ofMinutes(8), Duration.ofMinutes(12));
        }
        // After attempt 9 the schedule says 24 h: a Retry-After of 120 s cannot bring the last attempt forward.
        assertThat(policy.delayAfter(9, Optional.of(Duration.ofSeconds(120)), random)
                        .orElseThrow())
                .isBetween(
                        Duration.ofHours(24).multipliedBy(8).dividedBy(10),
                        Duration.ofHours(24).multipliedBy(12).dividedBy(10));
    }
}

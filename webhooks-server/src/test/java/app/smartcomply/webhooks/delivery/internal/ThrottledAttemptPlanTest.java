package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.delivery.DeliveryStatus;
import app.smartcomply.webhooks.delivery.RetryPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A 429 of a rate-limited endpoint (throttled) makes its delivery due again when the endpoint's
 * pause ends and uses up no step of the retry schedule: the schedule counts only the attempts that
 * were not throttled. After {@link AttemptPlanner#MAX_THROTTLED} throttled answers a 429 counts
 * like any other failure, so an endpoint answering 429 forever still ends its deliveries.
 */
class ThrottledAttemptPlanTest {

    private static final long NOW = Instant.parse("2026-05-05T14:00:00Z").toEpochMilli();

    private final AttemptPlanner planner = new AttemptPlanner(RetryPolicy.defaults(), new SplittableRandom(7));
    private final AttemptResult tooMany =
            new AttemptResult(NOW, 3, List.of(), 429, List.of(), new byte[0], false, null, Optional.empty());
    private final AttemptResult serverError =
            new AttemptResult(NOW, 3, List.of(), 500, List.of(), new byte[0], false, null, Optional.empty());

    @Test
    void aThrottledAttemptWaitsForThePauseAndIsNoStepOfTheSchedule() {
        // The tenth attempt, all nine before it throttled: still pending, due at the end of the pause.
        NextStep next = planner.plan(tooMany, delivery(9, 9), NOW + 2_000, NOW);
        assertThat(next).isEqualTo(NextStep.throttled(NOW + 2_000));
        assertThat(next.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(next.throttled()).isTrue();

        // A 500 after nine throttled attempts is the first failure: about 5 s, not the 24 h of a tenth.
        NextStep afterFailure = planner.plan(serverError, delivery(9, 9), 0, NOW);
        assertThat(afterFailure.throttled()).isFalse();
        assertThat(afterFailure.nextAttemptAt() - NOW).isBetween(4_000L, 6_000L);
    }

    @Test
    void theScheduleEndsAfterTenAttemptsThatWereNotThrottled() {
        assertThat(planner.plan(serverError, delivery(9 + 20, 20), 0, NOW)).isEqualTo(NextStep.dead());
        assertThat(planner.plan(serverError, delivery(8 + 20, 20), 0, NOW).status())
                .isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void afterFiftyThrottledAnswersA429CountsAsAFailure() {
        int max = AttemptPlanner.MAX_THROTTLED;
        assertThat(planner.plan(tooMany, delivery(max - 1, max - 1), NOW + 1_000, NOW)
                        .throttled())
                .isTrue();
        NextStep counted = planner.plan(tooMany, delivery(max, max), NOW + 1_000, NOW);
        assertThat(counted.throttled()).isFalse();
        assertThat(counted.nextAttemptAt() - NOW)
                .as("the first step of the schedule")
                .isBetween(4_000L, 6_000L);
        assertThat(planner.plan(tooMany, delivery(max + 9, max), NOW + 1_000, NOW))
                .isEqualTo(NextStep.dead());
    }

    @Test
    void a429OfAnEndpointWithoutALimitIsAFailureLikeAnyOther() {
        NextStep next = planner.plan(tooMany, delivery(1, 0), 0, NOW);
        assertThat(next.throttled()).isFalse();
        assertThat(next.nextAttemptAt() - NOW)
                .as("the second step of the schedule")
                .isBetween(48_000L, 72_000L);
    }

    private static ClaimedDelivery delivery(int previousAttempts, int throttled) {
        return new ClaimedDelivery(
                "dlv_1",
                "acc_1",
                "evt_1",
                "test.submitted",
                "whe_1",
                "https://r.example/",
                previousAttempts,
                new byte[0],
                null,
                NOW + 60_000,
                null,
                throttled);
    }
}

package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.delivery.DeliveryStatus;
import app.smartcomply.webhooks.delivery.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * What an attempt's outcome means for its delivery: 2xx succeeds, 410 kills it and disables the
 * endpoint, anything else is retried on the schedule until the tenth attempt. A {@code Retry-After}
 * (both forms) on a 429 or 503 can only make a wait longer, up to 24 h; on other answers it is ignored.
 */
class AttemptPlannerTest {

    private static final long NOW = Instant.parse("2026-05-05T14:00:00Z").toEpochMilli();
    private static final int SAMPLES = 5_000;

    private final AttemptPlanner planner = new AttemptPlanner(RetryPolicy.defaults(), new SplittableRandom(42));

    @Test
    void anyTwoHundredIsSuccess() {
        for (int status : new int[] {200, 201, 202, 204, 299}) {
            assertThat(planner.plan(response(status, Optional.empty()), 1, NOW)).isEqualTo(NextStep.succeeded());
            assertThat(planner.plan(response(status, Optional.empty()), 10, NOW))
                    .isEqualTo(NextStep.succeeded());
        }
    }

    @Test
    void goneKillsTheDeliveryAndDisablesTheEndpointAtOnce() {
        NextStep next = planner.plan(response(410, Optional.of(Duration.ofSeconds(60))), 1, NOW);
        assertThat(next.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(next.nextAttemptAt()).isNull();
        assertThat(next.disableEndpointReason()).contains("410");
    }

    @Test
    void everyOtherAnswerAndNoAnswerIsRetriedWithinTheJitterBounds() {
        List<AttemptResult> failures = List.of(
                response(500, Optional.empty()),
                response(503, Optional.empty()),
                response(302, Optional.empty()),
                response(404, Optional.empty()),
                response(429, Optional.empty()),
                response(199, Optional.empty()),
                AttemptResult.failed(NOW, 3, List.of(), "Connection refused"));
        for (AttemptResult failure : failures) {
            for (int attempt = 1; attempt <= 9; attempt++) {
                long base = RetryPolicy.DEFAULT_DELAYS.get(attempt - 1).toMillis();
                for (int i = 0; i < SAMPLES / failures.size(); i++) {
                    NextStep next = planner.plan(failure, attempt, NOW);
                    assertThat(next.status()).isEqualTo(DeliveryStatus.PENDING);
                    assertThat(next.disableEndpointReason()).isNull();
                    assertThat(next.nextAttemptAt() - NOW)
                            .as("wait after attempt %d answered %s", attempt, failure.status())
                            .isBetween(Math.round(base * 0.8), Math.round(base * 1.2));
                }
            }
            assertThat(planner.plan(failure, 10, NOW)).isEqualTo(NextStep.dead());
        }
    }

    @Test
    void retryAfterInSecondsIsHonouredWhenLongerAndCappedAtOneDay() {
        assertThat(waitFor("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(waitFor(" 45 ")).isEqualTo(Duration.ofSeconds(45));
        assertThat(waitFor("86400")).isEqualTo(Duration.ofHours(24));
        assertThat(waitFor("86401")).isEqualTo(Duration.ofHours(24));
        assertThat(waitFor("999999")).isEqualTo(Duration.ofHours(24));
        assertThat(waitFor("999999999999999999999999")).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aRetryAfterShorterThanTheScheduleIsIgnored() {
        for (String shorter : new String[] {"0", "1", "4"}) {
            assertThat(waitFor(shorter).toMillis())
                    .as("503 with Retry-After: %s", shorter)
                    .isBetween(4_000L, 6_000L);
        }
        // Later in the schedule too: after attempt 5 the schedule waits 3 h ±20 %, not the 1 s asked for.
        NextStep next = planner.plan(response(503, RetryAfterHeader.parse("1", Instant.ofEpochMilli(NOW))), 5, NOW);
        assertThat(next.nextAttemptAt() - NOW)
                .isBetween(
                        Duration.ofMinutes(144).toMillis(),
                        Duration.ofMinutes(216).toMillis());
    }

    @Test
    void retryAfterIsHonouredOnTooManyRequestsToo() {
        NextStep next = planner.plan(response(429, RetryAfterHeader.parse("600", Instant.ofEpochMilli(NOW))), 1, NOW);
        assertThat(next.nextAttemptAt() - NOW).isEqualTo(Duration.ofMinutes(10).toMillis());
        NextStep capped =
                planner.plan(response(429, RetryAfterHeader.parse("999999", Instant.ofEpochMilli(NOW))), 1, NOW);
        assertThat(capped.nextAttemptAt() - NOW).isEqualTo(Duration.ofHours(24).toMillis());
    }

    @Test
    void retryAfterOnAnyOtherAnswerIsIgnored() {
        for (int status : new int[] {500, 502, 504, 404, 302, 400}) {
            NextStep next =
                    planner.plan(response(status, RetryAfterHeader.parse("600", Instant.ofEpochMilli(NOW))), 1, NOW);
            assertThat(next.nextAttemptAt() - NOW)
                    .as("%d with Retry-After: 600", status)
                    .isBetween(4_000L, 6_000L);
        }
    }

    @Test
    void retryAfterNeverAddsAttempts() {
        AttemptResult busy = response(503, RetryAfterHeader.parse("1", Instant.ofEpochMilli(NOW)));
        for (int attempt = 1; attempt <= 9; attempt++) {
            assertThat(planner.plan(busy, attempt, NOW).status()).isEqualTo(DeliveryStatus.PENDING);
        }
        assertThat(planner.plan(busy, 10, NOW)).isEqualTo(NextStep.dead());
    }

    @Test
    void retryAfterAsAnHttpDateIsHonouredWhenLongerAndCapped() {
        assertThat(waitFor(httpDate(NOW + 90_000))).isEqualTo(Duration.ofSeconds(90));
        assertThat(waitFor(httpDate(NOW + Duration.ofHours(5).toMillis()))).isEqualTo(Duration.ofHours(5));
        assertThat(waitFor(httpDate(NOW - 60_000)).toMillis())
                .as("a date in the past")
                .isBetween(4_000L, 6_000L);
        assertThat(waitFor(httpDate(NOW + Duration.ofDays(10).toMillis()))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void anUnreadableRetryAfterFallsBackToTheSchedule() {
        for (String junk : new String[] {"soon", "-5", "1.5", "Tue, 99 Foo 2026 00:00:00 GMT", ""}) {
            long wait = waitFor(junk).toMillis();
            assertThat(wait).as("Retry-After: %s", junk).isBetween(4_000L, 6_000L);
        }
    }

    @Test
    void retryAfterDoesNotExtendTheLastAttempt() {
        assertThat(planner.plan(response(503, RetryAfterHeader.parse("5", Instant.ofEpochMilli(NOW))), 10, NOW))
                .isEqualTo(NextStep.dead());
    }

    /** The wait after a first attempt that answered 503 with this Retry-After header value. */
    private Duration waitFor(String retryAfter) {
        AttemptResult result = response(503, RetryAfterHeader.parse(retryAfter, Instant.ofEpochMilli(NOW)));
        NextStep next = planner.plan(result, 1, NOW);
        assertThat(next.status()).isEqualTo(DeliveryStatus.PENDING);
        return Duration.ofMillis(next.nextAttemptAt() - NOW);
    }

    private static String httpDate(long epochMillis) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC));
    }

    private static AttemptResult response(int status, Optional<Duration> retryAfter) {
        return new AttemptResult(NOW, 12, List.of(), status, List.of(), new byte[0], false, null, retryAfter);
    }
}

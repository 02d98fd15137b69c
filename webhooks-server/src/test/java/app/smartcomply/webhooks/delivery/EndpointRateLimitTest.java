package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.ManualEngine;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code rate_limit.per_second}, end to end with real receivers on loopback and stepped time: an
 * endpoint limited to N with a backlog gets at most N requests in any one-second window of the
 * service's clock, and all of them in the end, while an unlimited endpoint subscribed to the same
 * events gets every one at once. A 429 from a limited endpoint pauses it (for {@code Retry-After},
 * or a second) without using up a step of the delivery's retry schedule.
 */
class EndpointRateLimitTest extends WebhooksAppTest {

    private static final String FIRST_TEST_ID = "tst_%032x".formatted(1);

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBacklogReachesALimitedEndpointAtMostFivePerSecond() {
        limitHeldWithABacklog(5, 30, Duration.ofMillis(50));
    }

    @Test
    void aBacklogReachesALimitedEndpointAtMostFortyPerSecond() {
        limitHeldWithABacklog(40, 160, Duration.ofMillis(10));
    }

    private void limitHeldWithABacklog(int perSecond, int events, Duration step) {
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger unlimitedArrivals = new AtomicInteger();
        try (TestReceiver limited = TestReceiver.start().answering(request -> {
                    arrivals.add(clock.millis());
                    return Reply.ok();
                });
                TestReceiver unlimited = TestReceiver.start().answering(request -> {
                    unlimitedArrivals.incrementAndGet();
                    return Reply.ok();
                })) {
            ApiClient api = api();
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Limited Co " + perSecond);
            createLimited(api, account, limited, perSecond);
            api.createEndpoint(account.text("api_key"), unlimited.url("/hooks"), "test.submitted");
            long start = clock.millis();
            for (int n = 1; n <= events; n++) {
                publish(api, account, n);
            }
            ManualEngine engine = engine();
            engine.settle();
            assertThat(unlimitedArrivals.get())
                    .as("the unlimited endpoint is not held back by the limited one")
                    .isEqualTo(events);
            assertThat(arrivals.size()).isLessThanOrEqualTo(perSecond);

            // Long enough for the backlog at the sustained rate (a little under N per second), with room to spare.
            long end = start + Duration.ofSeconds(events / perSecond + 3).toMillis();
            while (clock.millis() < end && arrivals.size() < events) {
                engine.advance(step);
            }
            assertThat(arrivals).hasSize(events);
            assertThat(maxInAnySecond(arrivals))
                    .as("requests in any one-second window, arrivals %s", arrivals)
                    .isLessThanOrEqualTo(perSecond);
            assertThat(clock.millis() - start)
                    .as("the backlog went at close to the limit, not far below it")
                    .isLessThan(Duration.ofSeconds(events / perSecond + 2).toMillis());
            assertThat(jdbc.sql("SELECT COUNT(*) FROM deliveries WHERE status = 'succeeded' AND attempt_count = 1"
                                    + " AND account_id = ?")
                            .param(account.text("id"))
                            .query(Integer.class)
                            .single())
                    .as("every delivery took one attempt: none was leased and given back as a failure")
                    .isEqualTo(2 * events);
        }
    }

    @Test
    void a429PausesALimitedEndpointForItsRetryAfterWithoutUsingUpTheRetrySchedule() {
        AtomicInteger firstTries = new AtomicInteger();
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        try (TestReceiver receiver = TestReceiver.start().answering(request -> {
            arrivals.add(clock.millis());
            // The first event: 429 (wait 3 s), then 500, then 200. Every other event: 200.
            if (!request.bodyText().contains(FIRST_TEST_ID)) {
                return Reply.ok();
            }
            int n = firstTries.incrementAndGet();
            return switch (n) {
                case 1 -> Reply.status(429).withHeader("Retry-After", "3");
                case 2 -> Reply.status(500);
                default -> Reply.ok();
            };
        })) {
            ApiClient api = api();
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Throttled Co");
            createLimited(api, account, receiver, 10);
            long start = clock.millis();
            ManualEngine engine = engine();
            String first = publish(api, account, 1);
            engine.settle();
            assertThat(arrivals).hasSize(1);
            Map<String, Object> throttled = delivery(first);
            assertThat(throttled.get("status")).isEqualTo("pending");
            assertThat(((Number) throttled.get("attempt_count")).intValue())
                    .as("the 429 is logged as an attempt")
                    .isEqualTo(1);
            assertThat(((Number) throttled.get("throttled_count")).intValue()).isEqualTo(1);
            assertThat(((Number) throttled.get("next_attempt_at")).longValue()).isEqualTo(start + 3_000);
            assertThat(jdbc.sql("SELECT response_status FROM attempts a JOIN deliveries d ON d.id = a.delivery_id"
                                    + " WHERE d.event_id = ?")
                            .param(first)
                            .query(Integer.class)
                            .list())
                    .containsExactly(429);

            // The endpoint sends nothing else during the pause, new deliveries included.
            String second = publish(api, account, 2);
            engine.advance(Duration.ofMillis(2_900));
            assertThat(arrivals).hasSize(1);

            // After it both go, one at a time: the 429 also halved the endpoint's rate for a while. The
            // first now fails with a 500 — its first failure as far as the schedule goes, so it waits
            // about 5 s (the first step), not a minute (the second).
            engine.advance(Duration.ofMillis(100));
            for (int i = 0; i < 10 && arrivals.size() < 3; i++) {
                engine.advance(Duration.ofMillis(100));
            }
            assertThat(arrivals).hasSize(3);
            assertThat(maxInAnySecond(arrivals)).isLessThanOrEqualTo(5);
            assertThat(delivery(second).get("status")).isEqualTo("succeeded");
            assertThat(firstTries.get()).isEqualTo(2);
            long failedAt = jdbc.sql(
                            "SELECT MAX(a.started_at) FROM attempts a JOIN deliveries d ON d.id = a.delivery_id"
                                    + " WHERE d.event_id = ?")
                    .param(first)
                    .query(Long.class)
                    .single();
            long wait = ((Number) delivery(first).get("next_attempt_at")).longValue() - failedAt;
            assertThat(wait).isBetween(4_000L, 6_000L);
            engine.advance(Duration.ofMillis(failedAt + wait - clock.millis()));
            assertThat(delivery(first).get("status")).isEqualTo("succeeded");
            assertThat(((Number) delivery(first).get("attempt_count")).intValue())
                    .isEqualTo(3);
        }
    }

    @Test
    void a429WithoutRetryAfterPausesALimitedEndpointForASecond() {
        AtomicInteger requests = new AtomicInteger();
        try (TestReceiver receiver = TestReceiver.start()
                .answering(request -> requests.incrementAndGet() == 1 ? Reply.status(429) : Reply.ok())) {
            ApiClient api = api();
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Busy Co");
            createLimited(api, account, receiver, 100);
            long start = clock.millis();
            String eventId = publish(api, account, 1);
            ManualEngine engine = engine();
            engine.settle();
            assertThat(requests.get()).isEqualTo(1);
            assertThat(((Number) delivery(eventId).get("next_attempt_at")).longValue())
                    .isEqualTo(start + 1_000);
            engine.advance(Duration.ofMillis(999));
            assertThat(requests.get()).isEqualTo(1);
            engine.advance(Duration.ofMillis(1));
            assertThat(delivery(eventId).get("status")).isEqualTo("succeeded");
        }
    }

    /** The most arrivals in any window [t, t + 1 s). */
    static int maxInAnySecond(List<Long> arrivals) {
        List<Long> sorted = new ArrayList<>(arrivals);
        Collections.sort(sorted);
        int max = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (sorted.get(i) - sorted.get(j) >= 1_000) {
                j++;
            }
            max = Math.max(max, i - j + 1);
        }
        return max;
    }

    private static void createLimited(ApiClient api, ApiClient.Answer account, TestReceiver receiver, int perSecond) {
        ApiClient.expect(
                201,
                api.post(
                        "/api/v1/webhooks/endpoints",
                        account.text("api_key"),
                        "{\"url\": \"" + receiver.url("/hooks") + "\", \"events\": [\"test.submitted\"],"
                                + " \"rate_limit\": {\"per_second\": " + perSecond + "}}"));
    }

    private static String publish(ApiClient api, ApiClient.Answer account, int n) {
        return ApiClient.expect(
                        202,
                        api.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(n)))
                .text("id");
    }

    private Map<String, Object> delivery(String eventId) {
        return jdbc.sql("SELECT status, attempt_count, throttled_count, next_attempt_at FROM deliveries"
                        + " WHERE event_id = ?")
                .param(eventId)
                .query()
                .singleRow();
    }
}

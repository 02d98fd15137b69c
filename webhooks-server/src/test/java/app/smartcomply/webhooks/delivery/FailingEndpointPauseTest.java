package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.ManualEngine;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * An endpoint that fails every attempt is paused: its deliveries wait for the pause to end instead
 * of being sent to a receiver that is down, and use up none of their attempts meanwhile: one to
 * probe the endpoint with when the pause ends, the others parked until it is back. After the pause
 * one probe at a time decides: a failure pauses it for twice as long, a success lets everything
 * through at once.
 *
 * <p>Retries are an hour apart here, so every attempt seen is a first attempt or a probe. The
 * engine is stepped ({@link ManualEngine}), so "nothing is sent" is a claim that sent nothing, not
 * a wait; only what the engine does on its own after an attempt (setting a parked delivery aside
 * for the probe, releasing the parked ones) is waited for, bounded.
 */
@TestPropertySource(
        properties = {
            "webhooks.delivery.pause-after-failures=3",
            "webhooks.delivery.first-pause=5s",
            "webhooks.delivery.retry-schedule=1h,1h,1h"
        })
class FailingEndpointPauseTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The default longest pause, which is how long a paused endpoint's deliveries are parked. */
    private static final long MAX_PAUSE_MS = Duration.ofMinutes(5).toMillis();

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReceiverThatIsDownIsPausedThenProbedThenGetsEverythingOnceItAnswers() throws Exception {
        AtomicInteger status = new AtomicInteger(500);
        try (TestReceiver receiver = TestReceiver.start().answering(request -> Reply.status(status.get()))) {
            ApiClient api = api();
            ApiClient.Answer account = accountWithEndpoint(api, "Pause Co", receiver);
            long start = clock.millis();

            // Three failures in a row pause the endpoint for 5 s.
            ManualEngine engine = engine();
            List<String> failed = List.of(publish(api, account, 1), publish(api, account, 2), publish(api, account, 3));
            engine.settle();
            assertThat(receiver.received()).hasSize(3);
            for (String eventId : failed) {
                assertThat(attemptsOf(eventId)).isEqualTo(1);
            }

            // Published during the pause: stored to wait it out, not sent. The first is due when the
            // pause ends, to probe the endpoint with; the others are parked until the endpoint is back.
            String first = publish(api, account, 4);
            String second = publish(api, account, 5);
            String third = publish(api, account, 6);
            assertThat(nextAttemptAt(first)).isEqualTo(start + 5_000);
            assertThat(parkedUntil(second)).isEqualTo(start + MAX_PAUSE_MS);
            assertThat(parkedUntil(third)).isEqualTo(start + MAX_PAUSE_MS);
            engine.runDue(); // a claim now may send nothing
            assertThat(receiver.received()).hasSize(3);

            // The pause ends; the one probe fails, so the endpoint is paused again, for 10 s. A parked
            // delivery is set aside for the end of the new pause, to probe with; the other stays parked.
            // None has used up an attempt.
            engine.advance(Duration.ofSeconds(5));
            assertThat(receiver.received()).hasSize(4);
            assertThat(receiver.received().get(3).bodyText()).contains(first);
            assertThat(attemptsOf(first)).isEqualTo(1);
            awaitNextAttemptAt(third, start + 15_000);
            assertThat(parkedUntil(second)).isEqualTo(start + MAX_PAUSE_MS);
            assertThat(attemptsOf(second)).isZero();
            assertThat(attemptsOf(third)).isZero();
            engine.runDue();
            assertThat(receiver.received()).hasSize(4);

            // The receiver is back; the next probe gets through, the parked delivery is released at once
            // (not when its parking ends) and the endpoint runs at full speed.
            status.set(200);
            advance(Duration.ofSeconds(10));
            awaitStatus(third, "succeeded");
            awaitStatus(second, "succeeded");
            assertThat(attemptsOf(second)).isEqualTo(1);
            assertThat(clock.millis()).isEqualTo(start + 15_000);
            String afterwards = publish(api, account, 7);
            awaitStatus(afterwards, "succeeded");
            assertThat(nextAttemptAt(first))
                    .as("the failed probe keeps its own retry (an hour, give or take the jitter)")
                    .isGreaterThan(start + Duration.ofMinutes(45).toMillis());
        }
    }

    @Test
    void aRetryByHandIsSentAtOnceEvenToAPausedEndpoint() throws Exception {
        AtomicInteger status = new AtomicInteger(500);
        try (TestReceiver receiver = TestReceiver.start().answering(request -> Reply.status(status.get()))) {
            ApiClient api = api();
            ApiClient.Answer account = accountWithEndpoint(api, "Fixed Co", receiver);
            long start = clock.millis();
            ManualEngine engine = engine();
            for (int n = 1; n <= 3; n++) {
                String eventId = publish(api, account, n);
                engine.settle();
                assertThat(attemptsOf(eventId)).isEqualTo(1);
            }
            String held = publish(api, account, 4);
            assertThat(nextAttemptAt(held)).isEqualTo(start + 5_000);

            // The customer fixed the receiver and presses Retry: it goes now, not when the pause ends.
            status.set(200);
            String deliveryId = jdbc.sql("SELECT id FROM deliveries WHERE event_id = ?")
                    .param(held)
                    .query(String.class)
                    .single();
            ApiClient.expect(
                    202, api.post("/api/v1/webhooks/deliveries/" + deliveryId + "/retry", account.text("api_key"), ""));
            engine.runDue();
            assertThat(statusOf(held)).isEqualTo("succeeded");
            assertThat(clock.millis()).isEqualTo(start);
            String afterwards = publish(api, account, 5);
            engine.settle();
            assertThat(statusOf(afterwards)).isEqualTo("succeeded");
        }
    }

    /** A new account with one endpoint, at the receiver, subscribed to {@code test.submitted}. */
    private static ApiClient.Answer accountWithEndpoint(ApiClient api, String name, TestReceiver receiver) {
        ApiClient.Answer account = api.createAccount(ADMIN_KEY, name);
        api.createEndpoint(account.text("api_key"), receiver.url("/hooks"), "test.submitted");
        return account;
    }

    private String publish(ApiClient api, ApiClient.Answer account, int n) {
        return ApiClient.expect(
                        202,
                        api.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(n)))
                .text("id");
    }

    private long nextAttemptAt(String eventId) {
        return jdbc.sql("SELECT next_attempt_at FROM deliveries WHERE event_id = ?")
                .param(eventId)
                .query(Long.class)
                .single();
    }

    /** The end of the delivery's parking: when it is due unless its endpoint recovers first. */
    private long parkedUntil(String eventId) {
        Map<String, Object> row = jdbc.sql(
                        "SELECT next_attempt_at, lease_owner, lease_expires_at, state FROM deliveries WHERE event_id = ?")
                .param(eventId)
                .query()
                .singleRow();
        assertThat(row.get("state")).isEqualTo("parked");
        assertThat(row.get("lease_owner")).as("a parked delivery has no lease").isNull();
        assertThat(row.get("lease_expires_at"))
                .as("a parked delivery has no lease")
                .isNull();
        return ((Number) row.get("next_attempt_at")).longValue();
    }

    private int attemptsOf(String eventId) {
        return jdbc.sql("SELECT attempt_count FROM deliveries WHERE event_id = ?")
                .param(eventId)
                .query(Integer.class)
                .single();
    }

    private String statusOf(String eventId) {
        return jdbc.sql("SELECT status FROM deliveries WHERE event_id = ?")
                .param(eventId)
                .query(String.class)
                .single();
    }

    private void awaitNextAttemptAt(String eventId, long at) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (nextAttemptAt(eventId) != at && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(nextAttemptAt(eventId)).isEqualTo(at);
    }

    private void awaitStatus(String eventId, String status) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!statusOf(eventId).equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(statusOf(eventId)).isEqualTo(status);
    }
}

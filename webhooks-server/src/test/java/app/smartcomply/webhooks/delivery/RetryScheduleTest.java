package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookVerifier;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.ManualEngine;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The retry schedule, end to end with stepped time: attempt now, then +5 s, 1 m, 10 m, 1 h,
 * 3 h, 6 h, 12 h, 24 h, 24 h (±20 %), never early; after the tenth failure the delivery is a
 * listed dead letter. A receiver's {@code Retry-After} on a 429 or 503 can only lengthen a wait.
 * The engine is stepped ({@link ManualEngine}): each step returns with its attempts recorded.
 */
class RetryScheduleTest extends WebhooksAppTest {

    private static final List<Duration> SCHEDULE = List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(1),
            Duration.ofMinutes(10),
            Duration.ofHours(1),
            Duration.ofHours(3),
            Duration.ofHours(6),
            Duration.ofHours(12),
            Duration.ofHours(24),
            Duration.ofHours(24));

    @Test
    void aFailingDeliveryIsRetriedOnTheScheduleAndThenDeadLettered() {
        retriedOnTheScheduleAndThenDeadLettered(Reply.status(500), 500);
    }

    /**
     * A receiver answering 503 with {@code Retry-After: 1} every time used to get all ten attempts
     * within about ten seconds: a Retry-After can only lengthen a wait, so it gets the schedule.
     */
    @Test
    void aShortRetryAfterCannotBurnTheSchedule() {
        retriedOnTheScheduleAndThenDeadLettered(Reply.status(503).withHeader("Retry-After", "1"), 503);
    }

    private void retriedOnTheScheduleAndThenDeadLettered(Reply reply, int status) {
        try (TestReceiver receiver = TestReceiver.start().answering(reply)) {
            ApiClient api = api();
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Retry Co " + status);
            String key = account.text("api_key");
            DeliveryLogApi log = new DeliveryLogApi(api, key);
            ApiClient.Answer endpoint = api.createEndpoint(key, receiver.url(), "test.submitted");
            String endpointId = endpoint.text("id");
            // Verifies with the stepped clock: every attempt must be signed afresh when it is sent, or a
            // retry hours later would fail the receiver's 300 s freshness check.
            WebhookVerifier verifier = WebhookVerifier.withSecret(SigningSecret.parse(endpoint.text("signing_secret")))
                    .withClock(clock);
            String eventId = api.publish(
                            ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(status))
                    .text("id");

            ManualEngine engine = engine();
            engine.settle();
            assertThat(receiver.received()).hasSize(1);
            TestReceiver.Received first = receiver.received().getFirst();
            verifier.verify(first.header("X-SmartComply-Signature"), first.body());
            String deliveryId = log.idOf(eventId, endpointId);

            for (int attempt = 2; attempt <= 10; attempt++) {
                Duration base = SCHEDULE.get(attempt - 2);
                // The previous attempt was planned at the current (stepped) time: the wait counts from here.
                long plannedAt = clock.millis();
                JsonNode pending = log.get(deliveryId);
                assertThat(pending.get("status").asString()).isEqualTo("pending");
                long nextAt =
                        Instant.parse(pending.get("next_attempt_at").asString()).toEpochMilli();
                assertThat(nextAt - plannedAt)
                        .as("wait before attempt %d (base %s)", attempt, base)
                        .isBetween(lowest(base).toMillis() - 1, highest(base).toMillis() + 1);

                Duration justTooEarly = lowest(base).minusMillis(100);
                engine.advance(justTooEarly);
                assertThat(receiver.received())
                        .as("requests just before attempt %d is due", attempt)
                        .hasSize(attempt - 1);

                engine.advance(highest(base).plusSeconds(1).minus(justTooEarly));
                assertThat(receiver.received())
                        .as("requests once attempt %d is due", attempt)
                        .hasSize(attempt);
                TestReceiver.Received request = receiver.received().get(attempt - 1);
                assertThat(request.header("X-SmartComply-Attempt")).isEqualTo(Integer.toString(attempt));
                assertThat(request.header("X-SmartComply-Event-Id")).isEqualTo(eventId);
                verifier.verify(request.header("X-SmartComply-Signature"), request.body());
                assertThat(log.get(deliveryId).get("attempt_count").asInt()).isEqualTo(attempt);
            }

            JsonNode dead = log.get(deliveryId);
            assertThat(dead.get("status").asString()).isEqualTo("failed");
            assertThat(dead.get("attempt_count").asInt()).isEqualTo(10);
            assertThat(dead.get("attempts")).hasSize(10);
            assertThat(dead.get("next_attempt_at").isNull()).isTrue();
            for (int i = 0; i < 10; i++) {
                JsonNode attempt = dead.get("attempts").get(i);
                assertThat(attempt.get("attempt_number").asInt()).isEqualTo(i + 1);
                assertThat(attempt.get("response").get("status").asInt()).isEqualTo(status);
            }
            assertThat(log.search("status=failed"))
                    .extracting(d -> d.get("id").asString())
                    .containsExactly(deliveryId);

            engine.advance(Duration.ofDays(3));
            assertThat(receiver.received()).hasSize(10);
        }
    }

    @Test
    void retryAfterFromTheReceiverSetsTheNextAttempt() {
        AtomicInteger calls = new AtomicInteger();
        try (TestReceiver receiver = TestReceiver.start()
                .answering(r -> calls.incrementAndGet() == 1
                        ? Reply.status(503).withHeader("Retry-After", "120")
                        : Reply.ok())) {
            ApiClient api = api();
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Busy Co");
            String key = account.text("api_key");
            DeliveryLogApi log = new DeliveryLogApi(api, key);
            String endpointId =
                    api.createEndpoint(key, receiver.url(), "test.submitted").text("id");
            String eventId = api.publish(
                            ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(2))
                    .text("id");

            ManualEngine engine = engine();
            engine.settle();
            assertThat(receiver.received()).hasSize(1);
            String deliveryId = log.idOf(eventId, endpointId);
            JsonNode afterFirst = log.get(deliveryId);
            assertThat(afterFirst.get("attempt_count").asInt()).isEqualTo(1);
            assertThat(Instant.parse(afterFirst.get("next_attempt_at").asString())
                            .toEpochMilli())
                    .isEqualTo(clock.millis() + 120_000);

            engine.advance(Duration.ofSeconds(119));
            assertThat(receiver.received()).hasSize(1);

            engine.advance(Duration.ofSeconds(1));
            assertThat(receiver.received()).hasSize(2);
            JsonNode delivered = log.get(deliveryId);
            assertThat(delivered.get("status").asString()).isEqualTo("succeeded");
            assertThat(delivered.get("attempt_count").asInt()).isEqualTo(2);
        }
    }

    private static Duration lowest(Duration base) {
        return Duration.ofMillis(Math.round(base.toMillis() * 0.8));
    }

    private static Duration highest(Duration base) {
        return Duration.ofMillis(Math.round(base.toMillis() * 1.2));
    }
}

package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.event.WireFormat;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Sending again and not sending: manual retry of a dead letter, recovering an endpoint's dead
 * letters since a moment, deleting an endpoint (its pending deliveries are cancelled), and
 * disabling one (it gets nothing until enabled again, then its pending deliveries go).
 */
// The engine is stepped by hand (ManualEngine): each step returns once its attempts are recorded.
// Endpoints here fail many times in a row while the test clock stands still between steps; a pause
// (FailingEndpointPauseTest's subject) would hold each step's attempt until the clock moves on.
@TestPropertySource(properties = "webhooks.delivery.pause-after-failures=0")
class RedeliveryTest extends WebhooksAppTest {

    /** Longer than the longest jittered wait (24 h × 1.2): each step makes exactly the next attempt due. */
    private static final Duration PAST_ANY_RETRY = Duration.ofHours(30);

    @Test
    void aDeadLetterRetriedByHandGetsOneMoreAttempt() {
        AtomicBoolean healthy = new AtomicBoolean(false);
        try (TestReceiver receiver =
                TestReceiver.start().answering(r -> healthy.get() ? Reply.ok() : Reply.status(500))) {
            Account account = newAccount("Retry By Hand Co");
            String endpointId = api().createEndpoint(account.key, receiver.url(), "test.submitted")
                    .text("id");
            String deliveryId = account.log.idOf(publish(account, 1), endpointId);
            driveToDeadLetter(account, deliveryId);
            assertThat(receiver.received()).hasSize(10);

            // Still failing: one more attempt, then dead again — no new schedule.
            JsonNode queued = ApiClient.expect(202, retry(account, deliveryId)).json();
            assertThat(queued.get("id").asString()).isEqualTo(deliveryId);
            assertThat(requests(receiver, 11).get(10).header("X-SmartComply-Attempt"))
                    .isEqualTo("11");
            JsonNode deadAgain = attempted(account, deliveryId, 11);
            assertThat(deadAgain.get("status").asString()).isEqualTo("failed");
            engine().advance(Duration.ofDays(3));
            assertThat(receiver.received()).as("requests the receiver got").hasSize(11);

            // The receiver is fixed: the retry succeeds.
            healthy.set(true);
            ApiClient.expect(202, retry(account, deliveryId));
            requests(receiver, 12);
            JsonNode succeeded = withStatus(account, deliveryId, "succeeded");
            assertThat(succeeded.get("attempt_count").asInt()).isEqualTo(12);
            assertThat(succeeded.get("attempts")).hasSize(12);
            assertThat(succeeded
                            .get("attempts")
                            .get(11)
                            .get("response")
                            .get("status")
                            .asInt())
                    .isEqualTo(200);
        }
    }

    @Test
    void recoverRequeuesTheDeadLettersCreatedSinceTheGivenTime() {
        AtomicBoolean healthy = new AtomicBoolean(false);
        try (TestReceiver receiver =
                TestReceiver.start().answering(r -> healthy.get() ? Reply.ok() : Reply.status(500))) {
            Account account = newAccount("Recover Co");
            String endpointId = api().createEndpoint(account.key, receiver.url(), "test.submitted")
                    .text("id");
            String older = account.log.idOf(publish(account, 1), endpointId);
            attempted(account, older, 1);
            advance(Duration.ofHours(1));
            long since = clock.millis();
            List<String> newer = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                newer.add(account.log.idOf(publish(account, 10 + i), endpointId));
            }
            for (String id : newer) {
                attempted(account, id, 1);
            }
            driveToDeadLetter(account, older, newer.toArray(String[]::new));

            healthy.set(true);
            ApiClient.Answer answer = ApiClient.expect(
                    202,
                    api().post(
                                    "/api/v1/webhooks/endpoints/" + endpointId + "/recover",
                                    account.key,
                                    "{\"since\":\"" + WireFormat.timestamp(since) + "\"}"));
            assertThat(answer.json().get("recovered").asInt()).isEqualTo(3);
            assertThat(answer.json().propertyNames()).containsExactly("recovered");

            for (String id : newer) {
                JsonNode delivered = withStatus(account, id, "succeeded");
                assertThat(delivered.get("attempt_count").asInt()).isEqualTo(11);
            }
            engine().advance(Duration.ofDays(1));
            assertThat(receiver.received()).as("requests the receiver got").hasSize(4 * 10 + 3);
            assertThat(account.log.get(older).get("status").asString()).isEqualTo("failed");
            assertThat(account.log.search("status=failed"))
                    .extracting(d -> d.get("id").asString())
                    .containsExactly(older);
        }
    }

    @Test
    void deletingAnEndpointCancelsItsPendingDeliveries() {
        try (TestReceiver receiver = TestReceiver.start().answering(Reply.status(500))) {
            Account account = newAccount("Delete Co");
            String endpointId = api().createEndpoint(account.key, receiver.url(), "test.submitted")
                    .text("id");
            List<String> deliveries = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                deliveries.add(account.log.idOf(publish(account, i), endpointId));
            }
            for (String id : deliveries) {
                attempted(account, id, 1);
            }

            ApiClient.expect(204, api().delete("/api/v1/webhooks/endpoints/" + endpointId, account.key));
            for (String id : deliveries) {
                JsonNode cancelled = account.log.get(id);
                assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
                assertThat(cancelled.get("next_attempt_at").isNull()).isTrue();
            }
            engine().advance(Duration.ofHours(2));
            assertThat(receiver.received()).as("requests the receiver got").hasSize(3);
            engine().advance(PAST_ANY_RETRY);
            assertThat(receiver.received()).as("requests the receiver got").hasSize(3);
            assertThat(account.log.search("status=cancelled")).hasSize(3);
            assertThat(retry(account, deliveries.getFirst()).status()).isEqualTo(409);
        }
    }

    @Test
    void aDisabledEndpointGetsNothingUntilEnabledThenItsPendingDeliveriesGo() {
        AtomicBoolean healthy = new AtomicBoolean(false);
        try (TestReceiver receiver =
                TestReceiver.start().answering(r -> healthy.get() ? Reply.ok() : Reply.status(500))) {
            Account account = newAccount("Pause Co");
            String endpointId = api().createEndpoint(account.key, receiver.url(), "test.submitted")
                    .text("id");
            List<String> deliveries = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                deliveries.add(account.log.idOf(publish(account, i), endpointId));
            }
            for (String id : deliveries) {
                attempted(account, id, 1);
            }

            JsonNode disabled = ApiClient.expect(
                            200,
                            api().patch(
                                            "/api/v1/webhooks/endpoints/" + endpointId,
                                            account.key,
                                            "{\"status\":\"disabled\"}"))
                    .json();
            assertThat(disabled.get("status").asString()).isEqualTo("disabled");
            healthy.set(true);
            engine().advance(Duration.ofHours(2));
            assertThat(receiver.received()).as("requests the receiver got").hasSize(3);
            engine().advance(PAST_ANY_RETRY);
            assertThat(receiver.received()).as("requests the receiver got").hasSize(3);
            for (String id : deliveries) {
                assertThat(account.log.get(id).get("status").asString()).isEqualTo("pending");
            }
            assertThat(retry(account, deliveries.getFirst()).status())
                    .as("retry while disabled")
                    .isEqualTo(409);

            ApiClient.expect(
                    200,
                    api().patch("/api/v1/webhooks/endpoints/" + endpointId, account.key, "{\"status\":\"active\"}"));
            requests(receiver, 6);
            for (String id : deliveries) {
                assertThat(withStatus(account, id, "succeeded")
                                .get("attempt_count")
                                .asInt())
                        .isEqualTo(2);
            }
        }
    }

    /**
     * Steps time from one due attempt to the next until every given delivery made its tenth attempt
     * and is dead — on the real schedule (about 3 days in all), so the endpoint is not also
     * auto-disabled for failing 5 days.
     */
    private void driveToDeadLetter(Account account, String deliveryId, String... more) {
        List<String> all = new ArrayList<>(List.of(deliveryId));
        all.addAll(List.of(more));
        for (int step = 0; step < 10 * all.size(); step++) {
            Map<String, JsonNode> pending = new HashMap<>();
            for (String id : all) {
                JsonNode delivery = attempted(account, id, 1);
                if (delivery.get("status").asString().equals("pending")) {
                    pending.put(id, delivery);
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            long due = pending.values().stream()
                    .mapToLong(d ->
                            Instant.parse(d.get("next_attempt_at").asString()).toEpochMilli())
                    .min()
                    .orElseThrow();
            engine().advance(Duration.ofMillis(Math.max(0, due - clock.millis())));
            pending.forEach((id, before) -> {
                if (Instant.parse(before.get("next_attempt_at").asString()).toEpochMilli() <= due) {
                    attempted(account, id, before.get("attempt_count").asInt() + 1);
                }
            });
        }
        for (String id : all) {
            assertThat(withStatus(account, id, "failed").get("attempt_count").asInt())
                    .isEqualTo(10);
        }
    }

    /** Lets the engine run what is due (and finish what it started); then the receiver has {@code n} requests. */
    private List<TestReceiver.Received> requests(TestReceiver receiver, int n) {
        engine().settle();
        assertThat(receiver.received()).as("requests the receiver got").hasSize(n);
        return receiver.received();
    }

    /** Lets the engine run what is due; then the delivery has at least {@code attempts} attempts. */
    private JsonNode attempted(Account account, String deliveryId, int attempts) {
        engine().settle();
        JsonNode delivery = account.log.get(deliveryId);
        assertThat(delivery.get("attempt_count").asInt())
                .as("attempts of " + deliveryId)
                .isGreaterThanOrEqualTo(attempts);
        return delivery;
    }

    /** Lets the engine run what is due; then the delivery has this status. */
    private JsonNode withStatus(Account account, String deliveryId, String status) {
        engine().settle();
        JsonNode delivery = account.log.get(deliveryId);
        assertThat(delivery.get("status").asString())
                .as("status of " + deliveryId)
                .isEqualTo(status);
        return delivery;
    }

    private ApiClient.Answer retry(Account account, String deliveryId) {
        return api().post("/api/v1/webhooks/deliveries/" + deliveryId + "/retry", account.key, null);
    }

    private record Account(String id, String key, DeliveryLogApi log) {}

    private Account newAccount(String name) {
        ApiClient.Answer account = api().createAccount(ADMIN_KEY, name);
        String key = account.text("api_key");
        return new Account(account.text("id"), key, new DeliveryLogApi(api(), key));
    }

    private String publish(Account account, int n) {
        return api().publish(ADMIN_KEY, account.id, "test.submitted", EventExamples.testSubmitted(n))
                .text("id");
    }
}

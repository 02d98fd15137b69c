package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The delivery log, one delivery with its attempts, retry and recover — against a real receiver.
 * Two attempts (now, +1 s) make a delivery fail fast, so a test can dead-letter one by stepping
 * the clock once.
 */
@TestPropertySource(properties = {"webhooks.delivery.retry-schedule=1s", "webhooks.delivery.jitter=0"})
class DeliveryApiTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestReceiver receiver;
    private TestAccount account;
    private String endpointId;

    @BeforeEach
    void failingReceiver() {
        receiver = TestReceiver.start().answering(TestReceiver.Reply.status(500).withBody("{\"error\":\"down\"}"));
        account = TestAccount.create(api(), "Deliveries");
        endpointId = api().createEndpoint(account.apiKey(), receiver.url(), "test.submitted")
                .text("id");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    /** Publishes an event and lets its delivery fail both attempts; returns the delivery id. */
    private String deadDelivery(int n) {
        int before = receiver.received().size();
        String eventId = api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(n))
                .text("id");
        receiver.awaitCount(before + 1, WAIT);
        String deliveryId = onlyDelivery("/api/v1/webhooks/deliveries?event_id=" + eventId)
                .get("id")
                .asString();
        awaitDelivery(
                deliveryId,
                d -> d.get("attempt_count").asInt() == 1
                        && !d.get("next_attempt_at").isNull());
        advance(Duration.ofSeconds(2));
        receiver.awaitCount(before + 2, WAIT);
        awaitDelivery(deliveryId, d -> d.get("status").asString().equals("failed"));
        return deliveryId;
    }

    private JsonNode onlyDelivery(String listPath) {
        JsonNode data = ApiClient.expect(200, api().get(listPath, account.apiKey()))
                .json()
                .get("data");
        assertThat(data).hasSize(1);
        return data.get(0);
    }

    private JsonNode awaitDelivery(String id, Predicate<JsonNode> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode delivery = ApiClient.expect(200, api().get("/api/v1/webhooks/deliveries/" + id, account.apiKey()))
                    .json();
            if (condition.test(delivery)) {
                return delivery;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("delivery never reached the expected state: " + delivery);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aDeliveryShowsEveryAttemptsFullRequestAndResponse() {
        String deliveryId = deadDelivery(1);

        JsonNode detail = ApiClient.expect(
                        200, api().get("/api/v1/webhooks/deliveries/" + deliveryId, account.apiKey()))
                .json();

        assertThat(detail.get("id").asString()).matches("whd_[0-9a-f]{32}");
        assertThat(detail.get("endpoint_id").asString()).isEqualTo(endpointId);
        assertThat(detail.get("status").asString()).isEqualTo("failed");
        assertThat(detail.get("attempt_count").asInt()).isEqualTo(2);
        assertThat(detail.get("request_body").asString())
                .isEqualTo(receiver.received().getFirst().bodyText());
        assertThat(detail.get("attempts")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode attempt = detail.get("attempts").get(i);
            assertThat(attempt.get("id").asString()).matches("wha_[0-9a-f]{32}");
            assertThat(attempt.get("attempt_number").asInt()).isEqualTo(i + 1);
            assertThat(attempt.get("request").get("method").asString()).isEqualTo("POST");
            assertThat(attempt.get("request").get("url").asString()).isEqualTo(receiver.url());
            assertThat(attempt.get("request")
                            .get("headers")
                            .get("X-SmartComply-Signature")
                            .asString())
                    .startsWith("t=");
            assertThat(attempt.get("response").get("status").asInt()).isEqualTo(500);
            assertThat(attempt.get("response").get("body").asString()).isEqualTo("{\"error\":\"down\"}");
            assertThat(attempt.get("duration_ms").asLong()).isNotNegative();
        }
    }

    @Test
    void theLogFiltersByStatusAndEventType() {
        String deliveryId = deadDelivery(2);
        String log = "/api/v1/webhooks/endpoints/" + endpointId + "/deliveries";

        assertThat(onlyDelivery(log + "?status=failed").get("id").asString()).isEqualTo(deliveryId);
        assertThat(onlyDelivery(log + "?event_type=test.submitted").get("id").asString())
                .isEqualTo(deliveryId);
        assertThat(onlyDelivery("/api/v1/webhooks/deliveries?status=failed")
                        .get("id")
                        .asString())
                .isEqualTo(deliveryId);
        for (String empty : new String[] {
            "?status=pending",
            "?status=succeeded",
            "?event_type=notice.created",
            "?created_after=2999-01-01T00:00:00.000Z",
            "?created_before=2000-01-01T00:00:00Z"
        }) {
            assertThat(ApiClient.expect(200, api().get(log + empty, account.apiKey()))
                            .json()
                            .get("data"))
                    .as(empty)
                    .isEmpty();
        }
        assertProblem(api().get(log + "?status=dead", account.apiKey()), 400, "invalid_status", "status");
    }

    @Test
    void retrySendsAFailedDeliveryAgainNow() {
        String deliveryId = deadDelivery(3);
        receiver.answering(TestReceiver.Reply.ok());

        ApiClient.Answer retried =
                api().post("/api/v1/webhooks/deliveries/" + deliveryId + "/retry", account.apiKey(), null);

        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.text("id")).isEqualTo(deliveryId);
        assertThat(retried.text("status")).isIn("pending", "succeeded");
        receiver.awaitCount(3, WAIT);
        JsonNode done =
                awaitDelivery(deliveryId, d -> d.get("status").asString().equals("succeeded"));
        assertThat(done.get("attempts")).hasSize(3);
    }

    @Test
    void recoverRequeuesEveryFailedDeliverySinceAMoment() {
        String first = deadDelivery(4);
        clock.advance(Duration.ofHours(1));
        String second = deadDelivery(5);
        String since =
                java.time.Instant.ofEpochMilli(clock.millis()).minusSeconds(60).toString();
        String recover = "/api/v1/webhooks/endpoints/" + endpointId + "/recover";
        receiver.answering(TestReceiver.Reply.ok());

        ApiClient.Answer none = api().post(recover, account.apiKey(), "{\"since\":\"2999-01-01T00:00:00.000Z\"}");
        assertThat(none.status()).isEqualTo(202);
        assertThat(none.json().get("recovered").asInt()).isZero();

        ApiClient.Answer recent = api().post(recover, account.apiKey(), "{\"since\":\"" + since + "\"}");
        assertThat(recent.status()).isEqualTo(202);
        assertThat(recent.json().get("recovered").asInt()).isEqualTo(1);
        awaitDelivery(second, d -> d.get("status").asString().equals("succeeded"));
        assertThat(ApiClient.expect(200, api().get("/api/v1/webhooks/deliveries/" + first, account.apiKey()))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("failed");

        ApiClient.Answer all = api().post(recover, account.apiKey(), null);
        assertThat(all.status()).isEqualTo(202);
        assertThat(all.json().get("recovered").asInt()).isEqualTo(1);
        awaitDelivery(first, d -> d.get("status").asString().equals("succeeded"));

        assertProblem(
                api().post(recover, account.apiKey(), "{\"since\":\"last week\"}"), 400, "invalid_timestamp", "since");
        assertProblem(api().post(recover, account.apiKey(), "{\"since\":1700000000}"), 400, "invalid_type", "since");
        assertProblem(
                api().post(recover, account.apiKey(), "{\"since\":\"-999999999-01-01T00:00:00Z\"}"),
                400,
                "invalid_timestamp",
                "since");
        assertProblem(
                api().post(recover, account.apiKey(), "{\"from\":\"2026-01-01T00:00:00Z\"}"),
                400,
                "unknown_parameter",
                "from");
    }

    @Test
    void deletingAnEndpointCancelsItsPendingDeliveries() {
        String eventId = api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(7))
                .text("id");
        receiver.awaitCount(1, WAIT);
        String deliveryId = onlyDelivery("/api/v1/webhooks/deliveries?event_id=" + eventId)
                .get("id")
                .asString();
        awaitDelivery(
                deliveryId,
                d -> d.get("attempt_count").asInt() == 1
                        && d.get("status").asString().equals("pending"));

        ApiClient.expect(204, api().delete("/api/v1/webhooks/endpoints/" + endpointId, account.apiKey()));

        JsonNode cancelled =
                awaitDelivery(deliveryId, d -> !d.get("status").asString().equals("pending"));
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(onlyDelivery("/api/v1/webhooks/deliveries?status=cancelled")
                        .get("id")
                        .asString())
                .isEqualTo(deliveryId);
        assertProblem(
                api().post("/api/v1/webhooks/deliveries/" + deliveryId + "/retry", account.apiKey(), null),
                409,
                "endpoint_deleted",
                "id");
        advance(Duration.ofSeconds(2));
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void retryAndRecoverOnADisabledEndpointAreConflicts() {
        String deliveryId = deadDelivery(6);
        ApiClient.expect(
                200,
                api().patch("/api/v1/webhooks/endpoints/" + endpointId, account.apiKey(), "{\"status\":\"disabled\"}"));

        assertProblem(
                api().post("/api/v1/webhooks/deliveries/" + deliveryId + "/retry", account.apiKey(), null),
                409,
                "endpoint_disabled",
                "id");
        assertProblem(
                api().post("/api/v1/webhooks/endpoints/" + endpointId + "/recover", account.apiKey(), null),
                409,
                "endpoint_disabled",
                "id");
    }
}

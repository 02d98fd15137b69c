package app.smartcomply.webhooks.event;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookVerifier;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/events/{id}/replay}: a past event reaches real receivers again — same event
 * id and body, a new delivery id, signed — to the endpoints named or, by default, to those
 * subscribed now; bad lists are refused with the offending {@code endpoint_ids[i]}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventReplayApiTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestReceiver receiver;
    private TestAccount account;

    @BeforeEach
    void anAccountAndAReceiver() {
        receiver = TestReceiver.start();
        account = TestAccount.create(api(), "Replay Co");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aReplayedEventArrivesAgainWithTheSameEventIdAndANewDeliveryIdSigned() {
        Answer endpoint = api().createEndpoint(account.apiKey(), receiver.url("/a"), "test.submitted");
        String endpointId = endpoint.text("id");
        String eventId = publish();
        TestReceiver.Received original = receiver.awaitCount(1, WAIT).getFirst();

        Answer replayed = replay(account.apiKey(), eventId, "{\"endpoint_ids\":[\"" + endpointId + "\"]}");

        assertThat(replayed.status()).as(replayed.body()).isEqualTo(202);
        assertThat(replayed.text("event_id")).isEqualTo(eventId);
        JsonNode deliveries = replayed.json().get("deliveries");
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.get(0).get("endpoint_id").asString()).isEqualTo(endpointId);
        String newDeliveryId = deliveries.get(0).get("delivery_id").asString();
        assertThat(newDeliveryId)
                .matches("whd_[0-9a-f]{32}")
                .isNotEqualTo(original.header("X-SmartComply-Delivery-Id"));

        TestReceiver.Received again = receiver.awaitCount(2, WAIT).get(1);
        assertThat(again.header("X-SmartComply-Event-Id")).isEqualTo(eventId);
        assertThat(again.header("webhook-id")).isEqualTo(eventId);
        assertThat(again.header("X-SmartComply-Delivery-Id")).isEqualTo(newDeliveryId);
        assertThat(again.bodyText()).isEqualTo(original.bodyText());
        WebhookVerifier.withSecret(SigningSecret.parse(endpoint.text("signing_secret")))
                .withClock(clock)
                .verify(again.header("X-SmartComply-Signature"), again.body());
        // The new delivery is in the log beside the original, both of the one event.
        JsonNode log = ApiClient.expect(
                        200, api().get("/api/v1/webhooks/deliveries?event_id=" + eventId, account.apiKey()))
                .json()
                .get("data");
        assertThat(log)
                .extracting(d -> d.get("id").asString())
                .containsExactlyInAnyOrder(newDeliveryId, original.header("X-SmartComply-Delivery-Id"));
        // The audit log says who replayed what.
        JsonNode audit = ApiClient.expect(200, api().get("/api/v1/audit-log?action=event.replayed", account.apiKey()))
                .json()
                .get("data");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("target").get("id").asString()).isEqualTo(eventId);
        assertThat(audit.get(0).get("actor").get("type").asString()).isEqualTo("api_key");
    }

    @Test
    void withoutEndpointIdsTheEventGoesToEveryActiveEndpointSubscribedNow() {
        String eventId = publish(); // no endpoint yet: nothing is sent
        String all = api().createEndpoint(account.apiKey(), receiver.url("/all"), "*")
                .text("id");
        String tests = api().createEndpoint(account.apiKey(), receiver.url("/tests"), "test.submitted")
                .text("id");
        api().createEndpoint(account.apiKey(), receiver.url("/other"), "notice.created");
        String off = api().createEndpoint(account.apiKey(), receiver.url("/off"), "test.submitted")
                .text("id");
        ApiClient.expect(
                200, api().patch("/api/v1/webhooks/endpoints/" + off, account.apiKey(), "{\"status\":\"disabled\"}"));

        Answer replayed = ApiClient.expect(202, replay(account.apiKey(), eventId, null));

        assertThat(replayed.json().get("deliveries"))
                .extracting(d -> d.get("endpoint_id").asString())
                .containsExactlyInAnyOrder(all, tests);
        List<TestReceiver.Received> arrived = receiver.awaitCount(2, WAIT);
        assertThat(arrived).extracting(TestReceiver.Received::path).containsExactlyInAnyOrder("/all", "/tests");
        assertThat(arrived)
                .allSatisfy(r -> assertThat(r.header("X-SmartComply-Event-Id")).isEqualTo(eventId));
    }

    @Test
    void anEventNoEndpointSubscribesToNowIsReplayedToNone() {
        api().createEndpoint(account.apiKey(), receiver.url("/other"), "notice.created");
        String eventId = publish();

        Answer replayed = ApiClient.expect(202, replay(account.apiKey(), eventId, "{}"));

        assertThat(replayed.json().get("deliveries")).isEmpty();
    }

    @Test
    void badEndpointListsAreRefusedWithTheOffendingIndex() {
        String subscribed = api().createEndpoint(account.apiKey(), receiver.url("/a"), "test.submitted")
                .text("id");
        String notSubscribed = api().createEndpoint(account.apiKey(), receiver.url("/b"), "notice.created")
                .text("id");
        String deleted =
                api().createEndpoint(account.apiKey(), receiver.url("/c"), "*").text("id");
        ApiClient.expect(204, api().delete("/api/v1/webhooks/endpoints/" + deleted, account.apiKey()));
        String disabled =
                api().createEndpoint(account.apiKey(), receiver.url("/d"), "*").text("id");
        ApiClient.expect(
                200,
                api().patch("/api/v1/webhooks/endpoints/" + disabled, account.apiKey(), "{\"status\":\"disabled\"}"));
        TestAccount other = TestAccount.create(api(), "Other Co");
        String foreign =
                api().createEndpoint(other.apiKey(), receiver.url("/e"), "*").text("id");
        String testKey = ApiClient.expect(201, api().post("/api/v1/api-keys", account.apiKey(), "{\"mode\":\"test\"}"))
                .text("api_key");
        String testModeEndpoint =
                api().createEndpoint(testKey, receiver.url("/f"), "*").text("id");
        String eventId = publish();
        receiver.awaitCount(1, WAIT);

        assertRefused(
                eventId, List.of(subscribed, "whe_" + "0".repeat(32)), 400, "unknown_endpoint", "endpoint_ids[1]");
        assertRefused(eventId, List.of(foreign), 400, "unknown_endpoint", "endpoint_ids[0]");
        assertRefused(eventId, List.of(subscribed, testModeEndpoint), 400, "unknown_endpoint", "endpoint_ids[1]");
        assertRefused(eventId, List.of(deleted), 400, "unknown_endpoint", "endpoint_ids[0]");
        assertRefused(eventId, List.of(subscribed, notSubscribed), 400, "endpoint_not_subscribed", "endpoint_ids[1]");
        assertRefused(eventId, List.of(disabled), 409, "endpoint_disabled", "endpoint_ids[0]");
        assertRefused(eventId, List.of(subscribed, subscribed), 400, "duplicate_endpoint_id", "endpoint_ids[1]");
        assertRefused(eventId, List.of(), 400, "endpoint_ids_empty", "endpoint_ids");
        assertRefused(
                eventId,
                IntStream.range(0, 101).mapToObj(i -> subscribed).toList(),
                400,
                "too_many_endpoint_ids",
                "endpoint_ids");
        assertProblem(
                replay(account.apiKey(), eventId, "{\"endpoint_ids\":[7]}"), 400, "invalid_type", "endpoint_ids[0]");
        assertProblem(replay(account.apiKey(), eventId, "{\"endpoints\":[]}"), 400, "unknown_parameter", "endpoints");
        String testEvent = ApiClient.expect(
                        202, api().post("/api/v1/webhooks/endpoints/" + subscribed + "/test", account.apiKey(), null))
                .text("id");
        assertProblem(replay(account.apiKey(), testEvent, null), 400, "event_not_replayable", "id");
        // Nothing refused was sent: only the original delivery arrived.
        assertThat(ApiClient.expect(200, api().get("/api/v1/webhooks/deliveries?event_id=" + eventId, account.apiKey()))
                        .json()
                        .get("data"))
                .hasSize(1);
    }

    @Test
    void onlyTheEventsAccountInItsModeAndThePlatformMayReplayIt() {
        String endpointId = api().createEndpoint(account.apiKey(), receiver.url("/a"), "test.submitted")
                .text("id");
        String eventId = publish();
        receiver.awaitCount(1, WAIT);
        String readOnly = ApiClient.expect(
                        201, api().post("/api/v1/api-keys", account.apiKey(), "{\"scope\":\"read_only\"}"))
                .text("api_key");
        String testKey = ApiClient.expect(201, api().post("/api/v1/api-keys", account.apiKey(), "{\"mode\":\"test\"}"))
                .text("api_key");
        TestAccount other = TestAccount.create(api(), "Nosy Co");

        assertProblem(replay(readOnly, eventId, null), 403, "insufficient_scope", "Authorization");
        assertProblem(replay(other.apiKey(), eventId, null), 404, "resource_missing", "id");
        assertProblem(replay(testKey, eventId, null), 404, "resource_missing", "id");
        assertProblem(replay(account.apiKey(), "evt_" + "f".repeat(32), null), 404, "resource_missing", "id");
        assertProblem(replay(null, eventId, null), 401, "authentication_required", "Authorization");

        Answer byPlatform =
                ApiClient.expect(202, replay(ADMIN_KEY, eventId, "{\"endpoint_ids\":[\"" + endpointId + "\"]}"));
        assertThat(byPlatform.json().get("deliveries")).hasSize(1);
        assertThat(receiver.awaitCount(2, WAIT).get(1).header("X-SmartComply-Delivery-Id"))
                .isEqualTo(byPlatform
                        .json()
                        .get("deliveries")
                        .get(0)
                        .get("delivery_id")
                        .asString());
        assertProblem(replay(ADMIN_KEY, "evt_" + "f".repeat(32), null), 404, "resource_missing", "id");
        JsonNode audit = ApiClient.expect(200, api().get("/api/v1/audit-log?action=event.replayed", account.apiKey()))
                .json()
                .get("data");
        assertThat(audit).extracting(e -> e.get("actor").get("type").asString()).containsExactly("platform");
    }

    /** Last: it moves the service's clock past the retention period. */
    @Test
    @Order(Integer.MAX_VALUE)
    void anEventPastTheRetentionPeriodCannotBeReplayed() {
        String endpointId = api().createEndpoint(account.apiKey(), receiver.url("/a"), "test.submitted")
                .text("id");
        String eventId = publish();
        receiver.awaitCount(1, WAIT);
        // The receiver's answer is recorded after it arrives; stepping the clock 31 days before that
        // would expire the attempt's lease and, rightly, send the delivery again.
        DeliveryLogApi log = new DeliveryLogApi(api(), account.apiKey());
        log.awaitStatus(log.idOf(eventId, endpointId), "succeeded", WAIT);

        clock.advance(Duration.ofDays(31));

        assertProblem(replay(account.apiKey(), eventId, null), 404, "event_purged", "id");
        assertThat(receiver.received()).hasSize(1);
    }

    private String publish() {
        return api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(1))
                .text("id");
    }

    private Answer replay(String key, String eventId, String body) {
        return api().post("/api/v1/events/" + eventId + "/replay", key, body);
    }

    private void assertRefused(String eventId, List<String> endpointIds, int status, String code, String param) {
        String ids = endpointIds.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(","));
        assertProblem(replay(account.apiKey(), eventId, "{\"endpoint_ids\":[" + ids + "]}"), status, code, param);
    }
}

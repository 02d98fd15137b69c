package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.smartcomply.webhooks.endpoint.EndpointsForDelivery;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test mode on each engine: an account's {@code sc_test_} keys and its {@code sc_live_} keys see two
 * separate worlds. An endpoint, event or delivery of the other mode answers exactly like a missing
 * one; a publish reaches only the endpoints of its mode (real receivers on 127.0.0.1); idempotency
 * keys, the delivery log, retry, recover, test events and the auto-disable notice keep to their
 * mode. Two attempts (now, +1 s) make a delivery fail fast.
 */
@TestPropertySource(properties = {"webhooks.delivery.retry-schedule=1s", "webhooks.delivery.jitter=0"})
abstract class TestModeContractTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ENDPOINTS = "/api/v1/webhooks/endpoints";
    private static final String DELIVERIES = "/api/v1/webhooks/deliveries";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EndpointsForDelivery endpointService;

    private TestReceiver liveReceiver;
    private TestReceiver testReceiver;
    private TestAccount account;
    private String liveKey;
    private String testKey;

    @BeforeEach
    void anAccountWithAKeyOfEachMode() {
        liveReceiver = TestReceiver.start();
        testReceiver = TestReceiver.start();
        account = TestAccount.create(api(), "Two worlds");
        liveKey = account.apiKey();
        testKey = ApiClient.expect(201, api().post("/api/v1/api-keys", liveKey, "{\"mode\":\"test\"}"))
                .text("api_key");
    }

    @AfterEach
    void stopReceivers() {
        liveReceiver.close();
        testReceiver.close();
    }

    @Test
    void anEndpointOfOneModeIsInvisibleAndUntouchableWithAKeyOfTheOther() {
        Answer created = api().createEndpoint(testKey, testReceiver.url(), "test.submitted");
        assertThat(created.text("mode")).isEqualTo("test");
        String testEndpoint = created.text("id");
        String liveEndpoint = api().createEndpoint(liveKey, liveReceiver.url(), "test.submitted")
                .text("id");

        for (String[] keyAndId : new String[][] {{liveKey, testEndpoint}, {testKey, liveEndpoint}}) {
            String key = keyAndId[0];
            String id = keyAndId[1];
            assertAnswersLikeAMissingId("GET", ENDPOINTS + "/%s", null, key, id);
            assertAnswersLikeAMissingId("PATCH", ENDPOINTS + "/%s", "{\"description\":\"taken\"}", key, id);
            assertAnswersLikeAMissingId("POST", ENDPOINTS + "/%s/rotate-secret", null, key, id);
            assertAnswersLikeAMissingId("POST", ENDPOINTS + "/%s/test", null, key, id);
            assertAnswersLikeAMissingId("GET", ENDPOINTS + "/%s/deliveries", null, key, id);
            assertAnswersLikeAMissingId("POST", ENDPOINTS + "/%s/recover", null, key, id);
            assertAnswersLikeAMissingId("GET", DELIVERIES + "?endpoint_id=%s", null, key, id);
            assertAnswersLikeAMissingId("DELETE", ENDPOINTS + "/%s", null, key, id);
        }

        JsonNode testSide = ApiClient.expect(200, api().get(ENDPOINTS + "/" + testEndpoint, testKey))
                .json();
        assertThat(testSide.get("description").asString()).isEqualTo("test receiver");
        assertThat(testSide.get("mode").asString()).isEqualTo("test");
        JsonNode liveSide = ApiClient.expect(200, api().get(ENDPOINTS + "/" + liveEndpoint, liveKey))
                .json();
        assertThat(liveSide.get("description").asString()).isEqualTo("test receiver");
        assertThat(liveSide.get("mode").asString()).isEqualTo("live");
        assertThat(ids(api().get(ENDPOINTS, testKey))).containsExactly(testEndpoint);
        assertThat(ids(api().get(ENDPOINTS, liveKey))).containsExactly(liveEndpoint);
    }

    @Test
    void aTestPublishReachesOnlyTestEndpointsAndALiveOneOnlyLiveOnes() {
        String testEndpoint = api().createEndpoint(testKey, testReceiver.url(), "test.submitted")
                .text("id");
        String liveEndpoint = api().createEndpoint(liveKey, liveReceiver.url(), "test.submitted")
                .text("id");

        Answer testEvent = publish("\"test\"", EventExamples.testSubmitted(1), Map.of());
        Answer liveEvent = publish("\"live\"", EventExamples.testSubmitted(2), Map.of());
        Answer byDefault = publish(null, EventExamples.testSubmitted(3), Map.of());

        assertThat(testEvent.text("mode")).isEqualTo("test");
        assertThat(liveEvent.text("mode")).isEqualTo("live");
        assertThat(byDefault.text("mode")).isEqualTo("live");
        List<String> atTest = eventIds(testReceiver.awaitCount(1, WAIT));
        List<String> atLive = eventIds(liveReceiver.awaitCount(2, WAIT));
        assertThat(atTest).containsExactly(testEvent.text("id"));
        assertThat(atLive).containsExactlyInAnyOrder(liveEvent.text("id"), byDefault.text("id"));
        // Where every delivery went, from the log of each mode: nowhere else.
        List<JsonNode> testDeliveries = new DeliveryLogApi(api(), testKey).search("");
        assertThat(testDeliveries)
                .extracting(d -> d.get("endpoint_id").asString())
                .containsExactly(testEndpoint);
        assertThat(testDeliveries).extracting(d -> d.get("mode").asString()).containsExactly("test");
        List<JsonNode> liveDeliveries = new DeliveryLogApi(api(), liveKey).search("");
        assertThat(liveDeliveries)
                .extracting(d -> d.get("endpoint_id").asString())
                .containsOnly(liveEndpoint)
                .hasSize(2);
        assertThat(liveDeliveries).extracting(d -> d.get("mode").asString()).containsOnly("live");
        // Receivers get the payload as ever; the mode is told to API callers.
        assertThat(JSON.readTree(testReceiver.received().getFirst().body()).propertyNames())
                .containsExactly("id", "type", "created_at", "data");

        assertThat(ids(api().get("/api/v1/events", testKey))).containsExactly(testEvent.text("id"));
        assertThat(ids(api().get("/api/v1/events", liveKey)))
                .containsExactlyInAnyOrder(byDefault.text("id"), liveEvent.text("id"));
        JsonNode read = ApiClient.expect(200, api().get("/api/v1/events/" + testEvent.text("id"), testKey))
                .json();
        assertThat(read.propertyNames()).containsExactly("id", "type", "created_at", "data", "mode");
        assertThat(read.get("mode").asString()).isEqualTo("test");
        assertAnswersLikeAMissingId("GET", "/api/v1/events/%s", null, liveKey, testEvent.text("id"));
        assertAnswersLikeAMissingId("GET", "/api/v1/events/%s", null, testKey, liveEvent.text("id"));
        assertThat(testReceiver.received()).hasSize(1);
    }

    @Test
    void aModeOtherThanLiveOrTestIsRefused() {
        for (String mode : new String[] {"\"staging\"", "\"TEST\"", "null", "1"}) {
            Answer answer = api().post("/api/v1/events", ADMIN_KEY, publishBody(mode, EventExamples.testSubmitted(1)));
            assertThat(answer.status()).as(mode).isEqualTo(400);
            assertThat(answer.text("param")).as(mode).isEqualTo("mode");
        }
        assertThat(ids(api().get("/api/v1/events", liveKey))).isEmpty();
        assertThat(ids(api().get("/api/v1/events", testKey))).isEmpty();
    }

    @Test
    void anIdempotencyKeyIsRememberedPerAccountAndMode() {
        Map<String, String> key = Map.of("Idempotency-Key", "order-7");
        Answer live = publish("\"live\"", EventExamples.testSubmitted(1), key);
        Answer test = publish("\"test\"", EventExamples.testSubmitted(1), key);

        assertThat(live.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(test.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(test.text("id")).isNotEqualTo(live.text("id"));
        Answer testAgain = publish("\"test\"", EventExamples.testSubmitted(1), key);
        assertThat(testAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(testAgain.text("id")).isEqualTo(test.text("id"));
        assertThat(testAgain.text("mode")).isEqualTo("test");
        Answer liveAgain = publish(null, EventExamples.testSubmitted(1), key);
        assertThat(liveAgain.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(liveAgain.text("id")).isEqualTo(live.text("id"));
        String changed = publishBody("\"test\"", EventExamples.testSubmitted(2));
        assertProblem(
                api().send("POST", "/api/v1/events", ADMIN_KEY, changed, key),
                409,
                "idempotency_key_reused",
                "Idempotency-Key");
    }

    @Test
    void aTestDeliveryIsReadRetriedAndRecoveredWithATestKeyOnly() {
        testReceiver.answering(TestReceiver.Reply.status(500));
        String endpoint = api().createEndpoint(testKey, testReceiver.url(), "test.submitted")
                .text("id");
        String eventId =
                publish("\"test\"", EventExamples.testSubmitted(1), Map.of()).text("id");
        DeliveryLogApi testLog = new DeliveryLogApi(api(), testKey);
        testReceiver.awaitCount(1, WAIT);
        String delivery = testLog.idOf(eventId, endpoint);
        testLog.awaitAttempts(delivery, 1, WAIT);
        advance(Duration.ofSeconds(2));
        testLog.awaitStatus(delivery, "failed", WAIT);

        assertAnswersLikeAMissingId("GET", DELIVERIES + "/%s", null, liveKey, delivery);
        assertAnswersLikeAMissingId("POST", DELIVERIES + "/%s/retry", null, liveKey, delivery);
        assertAnswersLikeAMissingId("POST", ENDPOINTS + "/%s/recover", null, liveKey, endpoint);
        DeliveryLogApi liveLog = new DeliveryLogApi(api(), liveKey);
        assertThat(liveLog.search("event_id=" + eventId)).isEmpty();
        assertThat(liveLog.search("status=failed")).isEmpty();
        assertThat(testLog.get(delivery).get("attempt_count").asInt()).isEqualTo(2);
        assertThat(testLog.get(delivery).get("mode").asString()).isEqualTo("test");
        assertThat(testReceiver.received()).hasSize(2);

        Answer retried = ApiClient.expect(202, api().post(DELIVERIES + "/" + delivery + "/retry", testKey, null));
        assertThat(retried.text("mode")).isEqualTo("test");
        testReceiver.awaitCount(3, WAIT);
        testLog.awaitAttempts(delivery, 3, WAIT);
        testLog.awaitStatus(delivery, "failed", WAIT);
        Answer recovered = ApiClient.expect(202, api().post(ENDPOINTS + "/" + endpoint + "/recover", testKey, null));
        assertThat(recovered.json().get("recovered").asInt()).isEqualTo(1);
        testReceiver.awaitCount(4, WAIT);
        assertThat(liveReceiver.received()).isEmpty();
    }

    @Test
    void aTestEventAndTheAutoDisableNoticeStayInTheEndpointsMode() {
        String testWatcher =
                api().createEndpoint(testKey, testReceiver.url("/watcher"), "*").text("id");
        api().createEndpoint(liveKey, liveReceiver.url("/watcher"), "*");
        String doomed = api().createEndpoint(testKey, testReceiver.url("/doomed"), "test.submitted")
                .text("id");

        Answer sent = ApiClient.expect(202, api().post(ENDPOINTS + "/" + doomed + "/test", testKey, null));
        assertThat(sent.text("mode")).isEqualTo("test");
        testReceiver.awaitCount(1, WAIT);
        endpointService.disableAutomatically(doomed, "It answered 410 Gone.");

        List<JsonNode> testNotices = new DeliveryLogApi(api(), testKey).search("event_type=webhook.endpoint.disabled");
        assertThat(testNotices).extracting(d -> d.get("endpoint_id").asString()).containsExactly(testWatcher);
        assertThat(testNotices).extracting(d -> d.get("mode").asString()).containsExactly("test");
        assertThat(new DeliveryLogApi(api(), liveKey).search("")).isEmpty();
        assertThat(ids(api().get("/api/v1/events?type=webhook.endpoint.disabled", liveKey)))
                .isEmpty();
        testReceiver.awaitCount(2, WAIT);
        assertThat(testReceiver.received())
                .extracting(TestReceiver.Received::path)
                .containsExactlyInAnyOrder("/doomed", "/watcher");
    }

    @Test
    void theStoreHoldsOnlyLiveOrTestAndRowsMadeBeforeTestModeAreLive() {
        long now = clock.millis();
        String legacy = "whe_" + "1".repeat(32);
        jdbc.sql("INSERT INTO endpoints (id, account_id, url, event_types, status, created_at, updated_at)"
                        + " VALUES (?, ?, ?, 'test.submitted', 'active', ?, ?)")
                .params(legacy, account.id(), liveReceiver.url(), now, now)
                .update();
        assertThat(ApiClient.expect(200, api().get(ENDPOINTS + "/" + legacy, liveKey))
                        .text("mode"))
                .isEqualTo("live");
        assertAnswersLikeAMissingId("GET", ENDPOINTS + "/%s", null, testKey, legacy);

        String event = publish(null, EventExamples.testSubmitted(1), Map.of()).text("id");
        String delivery = new DeliveryLogApi(api(), liveKey).idOf(event, legacy);
        for (String[] tableAndId :
                new String[][] {{"endpoints", legacy}, {"events", event}, {"deliveries", delivery}}) {
            assertThatThrownBy(() -> jdbc.sql("UPDATE " + tableAndId[0] + " SET mode = 'staging' WHERE id = ?")
                            .param(tableAndId[1])
                            .update())
                    .as(tableAndId[0])
                    .isInstanceOf(DataAccessException.class)
                    .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains("check"));
        }
    }

    /**
     * An id of the other mode gets the very answer a made-up id gets: 404, same code and param.
     * {@code path} has one {@code %s} for the id.
     */
    private void assertAnswersLikeAMissingId(String method, String path, String body, String key, String id) {
        String madeUp = id.substring(0, id.indexOf('_') + 1) + "f".repeat(32);
        Answer missing = api().send(method, path.formatted(madeUp), key, body, Map.of());
        assertThat(missing.status())
                .as(method + " " + path + " on a missing id")
                .isEqualTo(404);
        Answer otherMode = api().send(method, path.formatted(id), key, body, Map.of());
        assertProblem(otherMode, 404, missing.text("code"), missing.text("param"));
    }

    private Answer publish(String modeJson, String dataJson, Map<String, String> headers) {
        return ApiClient.expect(
                202, api().send("POST", "/api/v1/events", ADMIN_KEY, publishBody(modeJson, dataJson), headers));
    }

    private String publishBody(String modeJson, String dataJson) {
        return "{\"account_id\":\"" + account.id() + "\",\"type\":\"test.submitted\",\"data\":" + dataJson
                + (modeJson == null ? "" : ",\"mode\":" + modeJson) + "}";
    }

    private static List<String> ids(Answer list) {
        List<String> ids = new ArrayList<>();
        ApiClient.expect(200, list)
                .json()
                .get("data")
                .forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private static List<String> eventIds(List<TestReceiver.Received> received) {
        return received.stream()
                .map(r -> JSON.readTree(r.body()).get("id").asString())
                .toList();
    }
}

package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /api/v1/events}: what SmartComply's services rely on when they publish. */
class PublishApiTest extends WebhooksAppTest {

    static final String EVENTS = "/api/v1/events";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private TestAccount account;

    @BeforeEach
    void freshAccount() {
        account = TestAccount.create(api(), "Publisher");
    }

    private String body(String accountId, String type, String dataJson) {
        return "{\"account_id\":\"" + accountId + "\",\"type\":\"" + type + "\",\"data\":" + dataJson + "}";
    }

    private ApiClient.Answer publish(String body) {
        return api().post(EVENTS, ADMIN_KEY, body);
    }

    private ApiClient.Answer publish(String body, String idempotencyKey) {
        return api().send("POST", EVENTS, ADMIN_KEY, body, Map.of("Idempotency-Key", idempotencyKey));
    }

    private String endpoint(String... events) {
        // Deliveries are only counted here, never sent: the URL needs no listener.
        return api().createEndpoint(account.apiKey(), "https://receiver.example.com/hook", events)
                .text("id");
    }

    private List<String> deliveriesOf(String eventId) {
        JsonNode page = ApiClient.expect(
                        200, api().get("/api/v1/webhooks/deliveries?limit=100&event_id=" + eventId, account.apiKey()))
                .json();
        return StreamSupport.stream(page.get("data").spliterator(), false)
                .map(delivery -> delivery.get("endpoint_id").asString())
                .toList();
    }

    @Test
    void publishAnswers202WithTheEventAsEndpointsWillReceiveIt() {
        String data = EventExamples.testSubmitted(1);

        ApiClient.Answer published = publish(body(account.id(), "test.submitted", data));

        assertThat(published.status()).isEqualTo(202);
        assertThat(published.json().propertyNames()).containsExactly("id", "type", "created_at", "data", "mode");
        assertThat(published.text("mode")).isEqualTo("live");
        assertThat(published.text("id")).matches("evt_[0-9a-f]{32}");
        assertThat(published.text("type")).isEqualTo("test.submitted");
        assertThat(published.text("created_at")).matches(EndpointApiTest.TIMESTAMP);
        assertThat(published.json().get("data")).isEqualTo(JSON.readTree(data));
        assertThat(published.header("Idempotent-Replayed")).isEqualTo("false");

        ApiClient.Answer read = ApiClient.expect(200, api().get(EVENTS + "/" + published.text("id"), account.apiKey()));
        assertThat(read.json()).isEqualTo(published.json());
    }

    @Test
    void oneDeliveryPerSubscribedActiveEndpointOnly() {
        String subscribed = endpoint("test.submitted");
        String alsoSubscribed = endpoint("notice.created", "test.submitted");
        String wildcard = endpoint("*");
        String notSubscribed = endpoint("notice.created");
        String disabled = endpoint("test.submitted");
        ApiClient.expect(
                200,
                api().patch("/api/v1/webhooks/endpoints/" + disabled, account.apiKey(), "{\"status\":\"disabled\"}"));
        String deleted = endpoint("test.submitted");
        ApiClient.expect(204, api().delete("/api/v1/webhooks/endpoints/" + deleted, account.apiKey()));
        TestAccount other = TestAccount.create(api(), "Other");
        api().createEndpoint(other.apiKey(), "https://receiver.example.com/other", "*");

        String eventId = publish(body(account.id(), "test.submitted", EventExamples.testSubmitted(2)))
                .text("id");

        assertThat(deliveriesOf(eventId)).containsExactlyInAnyOrder(subscribed, alsoSubscribed, wildcard);
        assertThat(ApiClient.expect(200, api().get("/api/v1/webhooks/deliveries", other.apiKey()))
                        .json()
                        .get("data"))
                .isEmpty();

        String noticeId = publish(body(account.id(), "notice.created", example("notice.created")))
                .text("id");
        assertThat(deliveriesOf(noticeId)).containsExactlyInAnyOrder(alsoSubscribed, wildcard, notSubscribed);
    }

    @Test
    void anEventWithNoSubscriberIsStillStored() {
        ApiClient.Answer published = publish(body(account.id(), "test.submitted", EventExamples.testSubmitted(3)));

        assertThat(published.status()).isEqualTo(202);
        assertThat(deliveriesOf(published.text("id"))).isEmpty();
        ApiClient.expect(200, api().get(EVENTS + "/" + published.text("id"), account.apiKey()));
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheOriginalAndCreatesNothing() {
        String subscriber = endpoint("test.submitted");
        String request = body(account.id(), "test.submitted", EventExamples.testSubmitted(4));

        ApiClient.Answer first = publish(request, "order-4711");
        clock.advance(java.time.Duration.ofMinutes(5));
        ApiClient.Answer again = publish(request, "order-4711");

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(deliveriesOf(first.text("id"))).containsExactly(subscriber);
        JsonNode events = ApiClient.expect(200, api().get(EVENTS, account.apiKey()))
                .json()
                .get("data");
        assertThat(events).hasSize(1);

        // Another key is another event; the same key in another account is independent.
        ApiClient.Answer otherKey = publish(request, "order-4712");
        assertThat(otherKey.text("id")).isNotEqualTo(first.text("id"));
        TestAccount other = TestAccount.create(api(), "Other");
        ApiClient.Answer otherAccount =
                publish(body(other.id(), "test.submitted", EventExamples.testSubmitted(4)), "order-4711");
        assertThat(otherAccount.status()).isEqualTo(202);
        assertThat(otherAccount.header("Idempotent-Replayed")).isEqualTo("false");
    }

    @Test
    void theSameIdempotencyKeyWithOtherContentIsAConflict() {
        publish(body(account.id(), "test.submitted", EventExamples.testSubmitted(5)), "key-1");

        assertProblem(
                publish(body(account.id(), "test.submitted", EventExamples.testSubmitted(6)), "key-1"),
                409,
                "idempotency_key_reused",
                "Idempotency-Key");
        assertProblem(
                publish(body(account.id(), "notice.created", example("notice.created")), "key-1"),
                409,
                "idempotency_key_reused",
                "Idempotency-Key");
        assertThat(ApiClient.expect(200, api().get(EVENTS, account.apiKey()))
                        .json()
                        .get("data"))
                .hasSize(1);
        assertProblem(
                publish(body(account.id(), "test.submitted", EventExamples.testSubmitted(5)), "k".repeat(256)),
                400,
                "invalid_idempotency_key",
                "Idempotency-Key");
    }

    @Test
    void anUnknownAccountIsNamed() {
        assertProblem(
                publish(body("acct_" + "0".repeat(32), "test.submitted", EventExamples.testSubmitted(7))),
                404,
                "resource_missing",
                "account_id");
        assertProblem(
                publish(body("nonsense", "test.submitted", EventExamples.testSubmitted(7))),
                404,
                "resource_missing",
                "account_id");
    }

    @Test
    void unknownAndReservedTypesAreRefused() {
        assertProblem(publish(body(account.id(), "test.finished", "{}")), 400, "unknown_event_type", "type");
        assertProblem(publish(body(account.id(), "*", "{}")), 400, "unknown_event_type", "type");
        assertProblem(
                publish(body(account.id(), "webhook.test", "{\"message\":\"hi\"}")),
                400,
                "reserved_event_type",
                "type");
        assertProblem(
                publish(body(account.id(), "webhook.endpoint.disabled", example("webhook.endpoint.disabled"))),
                400,
                "reserved_event_type",
                "type");
        assertProblem(
                publish("{\"account_id\":\"" + account.id() + "\",\"data\":{}}"), 400, "parameter_missing", "type");
    }

    @Test
    void dataMustMatchTheTypesSchema() {
        ObjectNode data = (ObjectNode) JSON.readTree(EventExamples.testSubmitted(8));
        data.remove("test_id");
        assertProblem(
                publish(body(account.id(), "test.submitted", data.toString())),
                400,
                "invalid_event_data",
                "data.test_id");

        ObjectNode wrongType = (ObjectNode) JSON.readTree(EventExamples.testSubmitted(8));
        wrongType.put("score", "high");
        ApiClient.Answer score = assertProblem(
                publish(body(account.id(), "test.submitted", wrongType.toString())),
                400,
                "invalid_event_data",
                "data.score");
        assertThat(score.text("detail")).contains("number");

        ObjectNode nested = (ObjectNode) JSON.readTree(EventExamples.testSubmitted(8));
        ((ObjectNode) nested.get("submitted_by")).put("email", 12);
        assertProblem(
                publish(body(account.id(), "test.submitted", nested.toString())),
                400,
                "invalid_event_data",
                "data.submitted_by.email");

        assertProblem(publish(body(account.id(), "test.submitted", "[1,2]")), 400, "invalid_data", "data");
        assertProblem(publish(body(account.id(), "test.submitted", "\"text\"")), 400, "invalid_data", "data");
        assertProblem(publish(body(account.id(), "test.submitted", "null")), 400, "data_required", "data");
        assertProblem(
                publish("{\"account_id\":\"" + account.id() + "\",\"type\":\"test.submitted\"}"),
                400,
                "data_required",
                "data");
        assertThat(ApiClient.expect(200, api().get(EVENTS, account.apiKey()))
                        .json()
                        .get("data"))
                .isEmpty();
    }

    @Test
    void dataOver256KibIsRefusedEvenInsideTheRequestLimit() {
        ObjectNode data = (ObjectNode) JSON.readTree(EventExamples.testSubmitted(9));
        data.put("test_name", "n".repeat(300 * 1024));
        String request = body(account.id(), "test.submitted", data.toString());
        assertThat(request.length()).isLessThan(1024 * 1024);

        assertProblem(publish(request), 400, "data_too_large", "data");
    }

    @Test
    void unknownFieldsAndWrongTypesAreNamed() {
        assertProblem(
                publish("{\"account_id\":\"" + account.id()
                        + "\",\"type\":\"test.submitted\",\"data\":{},\"extra\":1}"),
                400,
                "unknown_parameter",
                "extra");
        assertProblem(
                publish("{\"account_id\":42,\"type\":\"test.submitted\",\"data\":{}}"),
                400,
                "invalid_type",
                "account_id");
        assertProblem(
                publish("{\"account_id\":\"" + account.id() + "\",\"type\":[\"test.submitted\"],\"data\":{}}"),
                400,
                "invalid_type",
                "type");
        assertProblem(
                publish("{\"type\":\"test.submitted\",\"data\":" + EventExamples.testSubmitted(1) + "}"),
                400,
                "parameter_missing",
                "account_id");
    }

    private String example(String type) {
        JsonNode catalog = ApiClient.expect(200, api().get("/api/v1/webhooks/event-types", account.apiKey()))
                .json();
        for (JsonNode eventType : catalog.get("data")) {
            if (eventType.get("name").asString().equals(type)) {
                return eventType.get("example").toString();
            }
        }
        throw new AssertionError("no example for " + type);
    }
}

package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/events/batch} on each engine, with a real receiver on 127.0.0.1: every
 * accepted event is stored and delivered, every refused one is neither; an atomic batch is all or
 * nothing; idempotency keys hold within a batch, across batches and with single publishes.
 */
abstract class BatchPublishContractTest extends WebhooksAppTest {

    static final String BATCH = "/api/v1/events/batch";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestReceiver receiver;
    private TestAccount account;

    @BeforeEach
    void anAccountWithAReceiver() {
        receiver = TestReceiver.start();
        account = TestAccount.create(api(), "Batch publisher");
        api().createEndpoint(account.apiKey(), receiver.url(), "test.submitted");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    static String event(String accountId, String data, String idempotencyKey) {
        return "{\"account_id\":\"" + accountId + "\",\"type\":\"test.submitted\",\"data\":" + data
                + (idempotencyKey == null ? "" : ",\"idempotency_key\":\"" + idempotencyKey + "\"") + "}";
    }

    static String batch(boolean atomic, List<String> events) {
        return "{\"events\":[" + String.join(",", events) + "],\"atomic\":" + atomic + "}";
    }

    private Answer publishBatch(boolean atomic, String... events) {
        return api().post(BATCH, ADMIN_KEY, batch(atomic, List.of(events)));
    }

    private String valid(int n) {
        return event(account.id(), EventExamples.testSubmitted(n), null);
    }

    /** The account's stored events (newest first). */
    private List<String> storedEventIds() {
        JsonNode page = ApiClient.expect(200, api().get("/api/v1/events?limit=100", account.apiKey()))
                .json();
        return page.get("data").valueStream().map(e -> e.get("id").asString()).toList();
    }

    private int deliveriesOf(String eventId) {
        return ApiClient.expect(
                        200, api().get("/api/v1/webhooks/deliveries?limit=100&event_id=" + eventId, account.apiKey()))
                .json()
                .get("data")
                .size();
    }

    private Set<String> receivedEventIds(int count) {
        List<TestReceiver.Received> received = receiver.awaitCount(count, WAIT);
        List<String> ids = received.stream()
                .map(r -> JSON.readTree(r.bodyText()).get("id").asString())
                .toList();
        assertThat(ids).as("each event delivered once").doesNotHaveDuplicates();
        return Set.copyOf(ids);
    }

    @Test
    void everyEventOfABatchIsAcceptedStoredAndDeliveredOnceAsASinglePublishWouldBe() {
        List<String> events = IntStream.range(0, 60).mapToObj(this::valid).toList();
        Answer answer = ApiClient.expect(200, api().post(BATCH, ADMIN_KEY, batch(false, events)));

        JsonNode results = answer.json().get("results");
        assertThat(results.size()).isEqualTo(60);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            JsonNode result = results.get(i);
            assertThat(result.get("index").asInt()).isEqualTo(i);
            assertThat(result.get("status").asInt()).isEqualTo(202);
            assertThat(result.get("replayed").asBoolean()).isFalse();
            JsonNode published = result.get("event");
            assertThat(published.propertyNames()).containsExactly("id", "type", "created_at", "data", "mode");
            assertThat(published.get("data")).isEqualTo(JSON.readTree(EventExamples.testSubmitted(i)));
            assertThat(published.get("mode").asString()).isEqualTo("live");
            // Exactly what reading the event back answers, as for a single publish.
            assertThat(ApiClient.expect(
                                    200,
                                    api().get(
                                                    "/api/v1/events/"
                                                            + published
                                                                    .get("id")
                                                                    .asString(),
                                                    account.apiKey()))
                            .json())
                    .isEqualTo(published);
            ids.add(published.get("id").asString());
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(receivedEventIds(60)).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aRefusedEventIsRefusedAloneWithItsOwnProblemAndTheOthersArePublished() {
        String badData = EventExamples.testSubmitted(2).replace("\"score\":82.5", "\"score\":\"high\"");
        Answer answer = publishBatch(
                false,
                valid(1),
                event(account.id(), badData, null),
                "{\"account_id\":\"" + account.id() + "\",\"type\":\"no.such.type\",\"data\":{}}",
                event("acct_00000000000000000000000000000000", EventExamples.testSubmitted(3), null),
                "{\"account_id\":\"" + account.id() + "\",\"type\":\"test.submitted\",\"data\":{},\"colour\":\"red\"}",
                "[1,2]",
                "{\"type\":\"test.submitted\",\"data\":" + EventExamples.testSubmitted(4) + "}",
                valid(5));
        ApiClient.expect(200, answer);

        JsonNode results = answer.json().get("results");
        assertThat(results.size()).isEqualTo(8);
        assertItemProblem(results.get(1), 400, "invalid_event_data", "events[1].data.score");
        assertItemProblem(results.get(2), 400, "unknown_event_type", "events[2].type");
        assertItemProblem(results.get(3), 404, "resource_missing", "events[3].account_id");
        assertItemProblem(results.get(4), 400, "unknown_parameter", "events[4].colour");
        assertItemProblem(results.get(5), 400, "invalid_type", "events[5]");
        assertItemProblem(results.get(6), 400, "parameter_missing", "events[6].account_id");
        String first = results.get(0).get("event").get("id").asString();
        String last = results.get(7).get("event").get("id").asString();
        assertThat(results.get(0).get("status").asInt()).isEqualTo(202);
        assertThat(results.get(7).get("status").asInt()).isEqualTo(202);

        assertThat(storedEventIds()).containsExactlyInAnyOrder(first, last);
        assertThat(receivedEventIds(2)).containsExactlyInAnyOrder(first, last);
    }

    @Test
    void anAtomicBatchWithOneRefusedEventStoresNothingAndAnswersThatEventsProblem() {
        String badData = EventExamples.testSubmitted(2).replace("\"score\":82.5", "\"score\":\"high\"");
        Answer refused = publishBatch(true, valid(1), valid(2), event(account.id(), badData, null), valid(3));
        assertProblem(refused, 400, "invalid_event_data", "events[2].data.score");

        Answer unreadable = publishBatch(true, valid(1), "{\"account_id\":\"" + account.id() + "\"}");
        assertProblem(unreadable, 400, "parameter_missing", "events[1].type");

        Answer unknownAccount = publishBatch(
                true, valid(1), event("acct_00000000000000000000000000000000", EventExamples.testSubmitted(3), null));
        assertProblem(unknownAccount, 404, "resource_missing", "events[1].account_id");

        assertThat(storedEventIds()).isEmpty();

        Answer whole = ApiClient.expect(200, publishBatch(true, valid(7), valid(8)));
        assertThat(whole.json()
                        .get("results")
                        .valueStream()
                        .map(r -> r.get("status").asInt()))
                .containsExactly(202, 202);
        assertThat(storedEventIds()).hasSize(2);
        assertThat(receivedEventIds(2)).hasSize(2);
    }

    @Test
    void idempotencyKeysHoldWithinABatchAcrossBatchesAndWithSinglePublishes() {
        String single = ApiClient.expect(
                        202,
                        api().send(
                                        "POST",
                                        "/api/v1/events",
                                        ADMIN_KEY,
                                        "{\"account_id\":\"" + account.id() + "\",\"type\":\"test.submitted\",\"data\":"
                                                + EventExamples.testSubmitted(9) + "}",
                                        Map.of("Idempotency-Key", "single-9")))
                .text("id");

        JsonNode first = ApiClient.expect(
                        200,
                        publishBatch(
                                false,
                                event(account.id(), EventExamples.testSubmitted(1), "key-1"),
                                event(account.id(), EventExamples.testSubmitted(1), "key-1"),
                                event(account.id(), EventExamples.testSubmitted(2), "key-2"),
                                event(account.id(), EventExamples.testSubmitted(3), "key-1"),
                                event(account.id(), EventExamples.testSubmitted(9), "single-9")))
                .json()
                .get("results");
        String one = first.get(0).get("event").get("id").asString();
        assertThat(first.get(0).get("replayed").asBoolean()).isFalse();
        assertThat(first.get(1).get("replayed").asBoolean())
                .as("a repeat within the batch")
                .isTrue();
        assertThat(first.get(1).get("event").get("id").asString()).isEqualTo(one);
        String two = first.get(2).get("event").get("id").asString();
        assertItemProblem(first.get(3), 409, "idempotency_key_reused", "events[3].idempotency_key");
        assertThat(first.get(4).get("replayed").asBoolean()).isTrue();
        assertThat(first.get(4).get("event").get("id").asString()).isEqualTo(single);

        JsonNode again = ApiClient.expect(
                        200,
                        publishBatch(
                                false,
                                event(account.id(), EventExamples.testSubmitted(2), "key-2"),
                                event(account.id(), EventExamples.testSubmitted(1), "key-1")))
                .json()
                .get("results");
        assertThat(again.get(0).get("event").get("id").asString()).isEqualTo(two);
        assertThat(again.get(1).get("event").get("id").asString()).isEqualTo(one);
        assertThat(again.valueStream().map(r -> r.get("replayed").asBoolean())).containsOnly(true);

        // A conflicting key refuses an atomic batch whole.
        assertProblem(
                publishBatch(true, valid(20), event(account.id(), EventExamples.testSubmitted(21), "key-2")),
                409,
                "idempotency_key_reused",
                "events[1].idempotency_key");

        assertThat(storedEventIds()).containsExactlyInAnyOrder(single, one, two);
        for (String id : List.of(single, one, two)) {
            assertThat(deliveriesOf(id)).as("deliveries of " + id).isEqualTo(1);
        }
        assertThat(receivedEventIds(3)).containsExactlyInAnyOrder(single, one, two);
    }

    static void assertItemProblem(JsonNode result, int status, String code, String param) {
        String context = result.toString();
        assertThat(result.get("status").asInt()).as(context).isEqualTo(status);
        assertThat(result.has("event")).as(context).isFalse();
        JsonNode problem = result.get("problem");
        assertThat(problem.get("status").asInt()).as(context).isEqualTo(status);
        assertThat(problem.get("code").asString()).as(context).isEqualTo(code);
        assertThat(problem.get("param").asString()).as(context).isEqualTo(param);
        assertThat(problem.get("detail").asString()).as(context).isNotBlank();
        assertThat(problem.propertyNames().stream().collect(Collectors.toSet()))
                .as(context)
                .isSubsetOf("type", "title", "status", "detail", "code", "param");
    }
}

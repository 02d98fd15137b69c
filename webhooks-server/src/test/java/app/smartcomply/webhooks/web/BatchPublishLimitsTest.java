package app.smartcomply.webhooks.web;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static app.smartcomply.webhooks.web.BatchPublishContractTest.assertItemProblem;
import static app.smartcomply.webhooks.web.BatchPublishContractTest.batch;
import static app.smartcomply.webhooks.web.BatchPublishContractTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bounds and the shape of a batch publish: at most 1,000 events and 8 MiB, each event's data
 * at most 256 KiB as for a single publish, a malformed batch refused whole with the param that is
 * wrong — and who may send one.
 */
class BatchPublishLimitsTest extends WebhooksAppTest {

    private static final String BATCH = BatchPublishContractTest.BATCH;

    private TestAccount account;

    @BeforeEach
    void anAccount() {
        account = TestAccount.create(api(), "Limits");
    }

    private List<String> events(int count) {
        return IntStream.range(0, count)
                .mapToObj(n -> event(account.id(), EventExamples.testSubmitted(n), null))
                .toList();
    }

    private int storedEvents() {
        return ApiClient.expect(200, api().get("/api/v1/events?limit=100", account.apiKey()))
                .json()
                .get("data")
                .size();
    }

    @Test
    void aThousandEventsAreOneBatchAndAThousandAndOneAreRefused() {
        assertProblem(api().post(BATCH, ADMIN_KEY, batch(false, events(1_001))), 400, "too_many_events", "events");
        assertProblem(api().post(BATCH, ADMIN_KEY, batch(true, events(1_001))), 400, "too_many_events", "events");
        assertThat(storedEvents()).isZero();

        Answer thousand = ApiClient.expect(200, api().post(BATCH, ADMIN_KEY, batch(false, events(1_000))));
        assertThat(thousand.json().get("results").size()).isEqualTo(1_000);
        assertThat(thousand.json()
                        .get("results")
                        .valueStream()
                        .map(r -> r.get("status").asInt()))
                .containsOnly(202);
    }

    @Test
    void aMalformedBatchIsRefusedWholeWithTheParamThatIsWrong() {
        assertProblem(api().post(BATCH, ADMIN_KEY, "{\"events\":[]}"), 400, "batch_empty", "events");
        assertProblem(api().post(BATCH, ADMIN_KEY, "{\"atomic\":true}"), 400, "parameter_missing", "events");
        assertProblem(api().post(BATCH, ADMIN_KEY, "{\"events\":{}}"), 400, "invalid_type", "events");
        assertProblem(
                api().post(BATCH, ADMIN_KEY, batch(false, events(1)).replace("false", "\"yes\"")),
                400,
                "invalid_type",
                "atomic");
        assertProblem(
                api().post(BATCH, ADMIN_KEY, "{\"events\":[{}],\"event\":[]}"), 400, "unknown_parameter", "event");
        assertProblem(api().post(BATCH, ADMIN_KEY, "[" + events(1).getFirst() + "]"), 400, "invalid_body", null);
        assertProblem(api().post(BATCH, ADMIN_KEY, "{\"events\":[{\"type\":"), 400, "invalid_json", null);
        assertThat(storedEvents()).isZero();
    }

    @Test
    void eachEventsDataIsCappedAt256KibAsInASinglePublish() {
        String oversized = "{\"note\":\"" + "x".repeat(256 * 1024) + "\"}";
        Answer answer = ApiClient.expect(
                200,
                api().post(
                                BATCH,
                                ADMIN_KEY,
                                batch(false, List.of(events(1).getFirst(), event(account.id(), oversized, null)))));
        assertThat(answer.json().get("results").get(0).get("status").asInt()).isEqualTo(202);
        assertItemProblem(answer.json().get("results").get(1), 400, "data_too_large", "events[1].data");
    }

    @Test
    void aBatchMayBeLargerThanOtherBodiesUpTo8Mib() {
        // 3 MiB of JSON whitespace around two events: over every other route's 1 MiB, under the batch's 8.
        String padded = "{\"events\":[" + String.join("," + " ".repeat(3 * 1024 * 1024), events(2)) + "]}";
        Answer accepted = ApiClient.expect(200, api().post(BATCH, ADMIN_KEY, padded));
        assertThat(accepted.json().get("results").size()).isEqualTo(2);

        String huge = "{\"events\":[" + events(1).getFirst() + " ".repeat(8 * 1024 * 1024) + "]}";
        assertProblem(api().post(BATCH, ADMIN_KEY, huge), 413, "request_too_large", "events");
        assertProblem(api().postChunked(BATCH, ADMIN_KEY, huge), 413, "request_too_large", "events");
        // Any other route keeps its own limit.
        assertProblem(api().post("/api/v1/events", ADMIN_KEY, padded), 413, "request_too_large", null);
        assertThat(storedEvents()).isEqualTo(2);
    }

    @Test
    void theKeysThatMayPublishOneEventMayPublishABatchUnderTheSameRules() {
        String body = batch(false, events(1));
        assertProblem(api().post(BATCH, null, body), 401, "authentication_required", "Authorization");
        assertProblem(api().post(BATCH, "sc_live_" + "0".repeat(32), body), 401, "invalid_api_key", "Authorization");
        // A live key is refused whole, atomic or not.
        assertProblem(
                api().post(BATCH, account.apiKey(), body),
                403,
                "live_trigger_forbidden",
                "Authorization",
                account.apiKey());

        // A test key triggers test events of its own account; each event is held to the single publish's rules.
        String testKey = ApiClient.expect(201, api().post("/api/v1/api-keys", account.apiKey(), "{\"mode\":\"test\"}"))
                .text("api_key");
        String other = TestAccount.create(api(), "Other").id();
        Answer answer = ApiClient.expect(
                200,
                api().post(
                                BATCH,
                                testKey,
                                batch(
                                        false,
                                        List.of(
                                                "{\"type\":\"test.submitted\",\"data\":"
                                                        + EventExamples.testSubmitted(1) + "}",
                                                "{\"type\":\"notice.created\"}",
                                                "{\"type\":\"test.submitted\",\"mode\":\"live\",\"data\":"
                                                        + EventExamples.testSubmitted(2) + "}",
                                                event(other, EventExamples.testSubmitted(3), null)))));
        var results = answer.json().get("results");
        assertThat(results.get(0).get("event").get("mode").asString()).isEqualTo("test");
        assertThat(results.get(1).get("event").get("type").asString()).isEqualTo("notice.created");
        assertThat(results.get(1).get("event").get("mode").asString()).isEqualTo("test");
        assertItemProblem(results.get(2), 403, "live_trigger_forbidden", "events[2].mode");
        assertItemProblem(results.get(3), 403, "account_mismatch", "events[3].account_id");
        assertProblem(
                api().post(
                                BATCH,
                                testKey,
                                batch(
                                        true,
                                        List.of(
                                                "{\"type\":\"notice.created\"}",
                                                "{\"type\":\"notice.created\",\"mode\":\"live\"}"))),
                403,
                "live_trigger_forbidden",
                "events[1].mode");

        assertThat(storedEvents()).as("live events").isZero();
        assertThat(ApiClient.expect(200, api().get("/api/v1/events", testKey))
                        .json()
                        .get("data")
                        .size())
                .isEqualTo(2);
    }

    @Test
    void aTestKeysBatchCountsEachEventAgainstItsRateLimit() {
        // The test kit's limit: 100 requests a second in bursts of 200; the clock stands still.
        String testKey = ApiClient.expect(201, api().post("/api/v1/api-keys", account.apiKey(), "{\"mode\":\"test\"}"))
                .text("api_key");
        String triggers = batch(false, java.util.Collections.nCopies(150, "{\"type\":\"notice.created\"}"));
        assertProblem(
                api().post(
                                BATCH,
                                testKey,
                                batch(false, java.util.Collections.nCopies(201, "{\"type\":\"notice.created\"}"))),
                400,
                "too_many_events",
                "events");
        assertThat(ApiClient.expect(200, api().post(BATCH, testKey, triggers))
                        .json()
                        .get("results")
                        .size())
                .isEqualTo(150);
        Answer limited = api().post(BATCH, testKey, triggers);
        assertProblem(limited, 429, "rate_limited", null);
        assertThat(limited.header("Retry-After")).isNotBlank();
        // The admin key's batches are not counted per event.
        ApiClient.expect(200, api().post(BATCH, ADMIN_KEY, batch(false, events(1_000))));
    }
}

package app.smartcomply.webhooks.event;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.listen.ListenSessions;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Replay meets the features it was built beside: a replayed event reaches only the endpoints whose
 * payload filter its data matches (as if it were published now), and a {@code webhooks listen}
 * session, which the engine never sends to, is refused as a replay target.
 */
class ReplayWithFiltersAndListenTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ENDPOINTS = "/api/v1/webhooks/endpoints";

    @Autowired
    ListenSessions listenSessions;

    private TestReceiver receiver;
    private TestAccount account;

    @BeforeEach
    void anAccountAndAReceiver() {
        receiver = TestReceiver.start();
        account = TestAccount.create(api(), "Replay Filters Co");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void aReplayedEventReachesOnlyTheEndpointsWhoseFilterItsDataMatches() {
        String failedOnly = filtered("/failed-only", "{\"result\": \"failed\"}");
        String passedOnly = filtered("/passed-only", "{\"result\": \"passed\"}");
        String everything = api().createEndpoint(account.apiKey(), receiver.url("/all"), "test.submitted")
                .text("id");
        String eventId = publish(); // result: passed
        assertThat(receiver.awaitCount(2, WAIT))
                .extracting(TestReceiver.Received::path)
                .containsExactlyInAnyOrder("/passed-only", "/all");

        Answer replayed = ApiClient.expect(202, replay(eventId, null));

        assertThat(replayed.json().get("deliveries"))
                .extracting(d -> d.get("endpoint_id").asString())
                .containsExactlyInAnyOrder(passedOnly, everything);
        // Named, an endpoint whose filter the data does not match is refused like one not subscribed.
        assertProblem(
                replay(eventId, "{\"endpoint_ids\":[\"" + passedOnly + "\",\"" + failedOnly + "\"]}"),
                400,
                "endpoint_filter_not_matched",
                "endpoint_ids[1]");
        Answer named = ApiClient.expect(202, replay(eventId, "{\"endpoint_ids\":[\"" + passedOnly + "\"]}"));
        assertThat(named.json().get("deliveries")).hasSize(1);
        assertThat(receiver.awaitCount(5, WAIT))
                .extracting(TestReceiver.Received::path)
                .doesNotContain("/failed-only");
        assertThat(ApiClient.expect(
                                200,
                                api().get("/api/v1/webhooks/deliveries?endpoint_id=" + failedOnly, account.apiKey()))
                        .json()
                        .get("data"))
                .isEmpty();
    }

    @Test
    void aListenSessionIsNoReplayTarget() {
        String session = listenSessions
                .open(
                        account.id(),
                        ApiKeyMode.LIVE,
                        null,
                        List.of("test.submitted"),
                        "http://localhost:3000/webhooks",
                        AuditContext.service())
                .endpoint()
                .id();
        String eventId = publish();

        assertProblem(
                replay(eventId, "{\"endpoint_ids\":[\"" + session + "\"]}"), 409, "listen_session", "endpoint_ids[0]");
        String since = clock.instant().minus(Duration.ofHours(1)).toString();
        assertProblem(
                api().post(ENDPOINTS + "/" + session + "/replay", account.apiKey(), "{\"since\":\"" + since + "\"}"),
                409,
                "listen_session",
                "id");
        assertThat(ApiClient.expect(
                                200, api().get("/api/v1/webhooks/deliveries?endpoint_id=" + session, account.apiKey()))
                        .json()
                        .get("data"))
                .isEmpty();
    }

    private String filtered(String path, String filter) {
        return ApiClient.expect(
                        201,
                        api().post(
                                        ENDPOINTS,
                                        account.apiKey(),
                                        "{\"url\":\"" + receiver.url(path)
                                                + "\",\"events\":[\"test.submitted\"],\"filter\":" + filter + "}"))
                .text("id");
    }

    private String publish() {
        return api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(1))
                .text("id");
    }

    private Answer replay(String eventId, String body) {
        return api().post("/api/v1/events/" + eventId + "/replay", account.apiKey(), body);
    }
}

package app.smartcomply.webhooks.event;

import static app.smartcomply.webhooks.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/webhooks/endpoints/{id}/replay}: the events an endpoint missed while it was
 * disabled reach a real receiver, created in order of publication, as a job whose progress
 * completes; bad windows and types are refused with their {@code param}; a replay left running by
 * a stopped node blocks a second one and is resumed.
 */
class EndpointReplayApiTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private EndpointReplays replays;

    private TestReceiver receiver;
    private TestAccount account;
    private String endpointId;

    @BeforeEach
    void anAccountWithAnEndpoint() {
        receiver = TestReceiver.start();
        account = TestAccount.create(api(), "Missed Co");
        endpointId = api().createEndpoint(account.apiKey(), receiver.url(), "test.submitted")
                .text("id");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void eventsPublishedWhileTheEndpointWasDisabledAreReplayedInPublicationOrder() {
        String since = clock.instant().toString();
        String first = publish();
        receiver.awaitCount(1, WAIT);
        setStatus("disabled");
        List<String> missed = List.of(publish(), publish(), publish());
        setStatus("active");
        clock.advance(Duration.ofSeconds(1));

        Answer started = ApiClient.expect(202, startReplay("{\"since\":\"" + since + "\"}"));

        assertThat(started.text("id")).matches("rpl_[0-9a-f]{32}");
        assertThat(started.text("status")).isEqualTo("running");
        assertThat(started.json().get("total").asInt()).isEqualTo(4);
        JsonNode done = awaitFinished(started.text("id"));
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("created").asInt()).isEqualTo(4);
        assertThat(done.get("completed_at").isNull()).isFalse();
        List<TestReceiver.Received> arrived = receiver.awaitCount(5, WAIT);
        assertThat(arrived.subList(1, 5))
                .extracting(r -> r.header("X-SmartComply-Event-Id"))
                .containsExactlyInAnyOrder(first, missed.get(0), missed.get(1), missed.get(2));
        // Created in order of publication: the replay's deliveries, oldest first, follow the events.
        JsonNode log = ApiClient.expect(
                        200, api().get("/api/v1/webhooks/endpoints/" + endpointId + "/deliveries", account.apiKey()))
                .json()
                .get("data");
        List<String> replayedInOrder = StreamSupport.stream(log.spliterator(), false)
                .filter(d -> !d.get("id").asString().equals(arrived.getFirst().header("X-SmartComply-Delivery-Id")))
                .sorted(Comparator.comparing(d -> d.get("id").asString()))
                .map(d -> d.get("event_id").asString())
                .toList();
        assertThat(replayedInOrder).containsExactly(first, missed.get(0), missed.get(1), missed.get(2));
        // Listed with the endpoint, readable with the admin key too, and audited.
        JsonNode listed = ApiClient.expect(
                        200, api().get("/api/v1/webhooks/endpoints/" + endpointId + "/replays", ADMIN_KEY))
                .json()
                .get("data");
        assertThat(listed).extracting(r -> r.get("id").asString()).containsExactly(started.text("id"));
        JsonNode audit = ApiClient.expect(
                        200, api().get("/api/v1/audit-log?action=endpoint.replay_started", account.apiKey()))
                .json()
                .get("data");
        assertThat(audit).extracting(e -> e.get("target").get("id").asString()).containsExactly(endpointId);
    }

    @Test
    void onlyTheAskedTypesInTheWindowAreReplayed() {
        String wildcard = api().createEndpoint(account.apiKey(), receiver.url("/all"), "*")
                .text("id");
        publish(); // before the window
        clock.advance(Duration.ofSeconds(1));
        String since = clock.instant().toString();
        String inside = publish();
        clock.advance(Duration.ofSeconds(1));
        String until = clock.instant().toString();
        publish(); // after the window
        ApiClient.expect(202, api().post("/api/v1/webhooks/endpoints/" + wildcard + "/test", account.apiKey(), null));
        clock.advance(Duration.ofSeconds(1));
        int before = receiver.awaitCount(7, WAIT).size(); // 3 events to each endpoint, and the test event

        Answer started = ApiClient.expect(
                202,
                api().post(
                                "/api/v1/webhooks/endpoints/" + wildcard + "/replay",
                                account.apiKey(),
                                "{\"since\":\"" + since + "\",\"until\":\"" + until
                                        + "\",\"types\":[\"test.submitted\"]}"));

        assertThat(started.json().get("total").asInt()).isEqualTo(1);
        assertThat(awaitFinished(wildcard, started.text("id")).get("created").asInt())
                .isEqualTo(1);
        TestReceiver.Received replayed = receiver.awaitCount(before + 1, WAIT).get(before);
        assertThat(replayed.header("X-SmartComply-Event-Id")).isEqualTo(inside);
        assertThat(replayed.path()).isEqualTo("/all");
        // With no types, a "*" endpoint gets every type but the service's own webhook.* messages.
        Answer all = ApiClient.expect(
                202,
                api().post(
                                "/api/v1/webhooks/endpoints/" + wildcard + "/replay",
                                account.apiKey(),
                                "{\"since\":\"" + since + "\"}"));
        assertThat(all.json().get("types")).extracting(JsonNode::asString).containsExactly("*");
        assertThat(all.json().get("total").asInt()).isEqualTo(2);
    }

    @Test
    void badWindowsTypesAndCallersAreRefused() {
        String now = clock.instant().toString();
        String earlier = clock.instant().minus(Duration.ofHours(1)).toString();
        assertProblem(startReplay("{}"), 400, "parameter_missing", "since");
        assertProblem(startReplay("{\"since\":\"yesterday\"}"), 400, "invalid_timestamp", "since");
        assertProblem(startReplay("{\"since\":\"" + now + "\"}"), 400, "invalid_window", "since");
        assertProblem(
                startReplay(window(earlier, clock.instant().plusSeconds(60).toString())),
                400,
                "until_in_future",
                "until");
        assertProblem(
                startReplay("{\"since\":\"" + clock.instant().minus(Duration.ofDays(31)) + "\"}"),
                400,
                "window_too_long",
                "since");
        assertProblem(
                startReplay("{\"since\":\"" + earlier + "\",\"types\":[\"nope.created\"]}"),
                400,
                "unknown_event_type",
                "types[0]");
        assertProblem(
                startReplay("{\"since\":\"" + earlier + "\",\"types\":[\"test.submitted\",\"webhook.test\"]}"),
                400,
                "unknown_event_type",
                "types[1]");
        assertProblem(
                startReplay("{\"since\":\"" + earlier + "\",\"types\":[\"notice.created\"]}"),
                400,
                "endpoint_not_subscribed",
                "types[0]");
        assertProblem(startReplay("{\"since\":\"" + earlier + "\",\"types\":[]}"), 400, "types_empty", "types");
        assertProblem(startReplay("{\"since\":\"" + earlier + "\",\"from\":1}"), 400, "unknown_parameter", "from");

        String body = "{\"since\":\"" + earlier + "\"}";
        String readOnly = ApiClient.expect(
                        201, api().post("/api/v1/api-keys", account.apiKey(), "{\"scope\":\"read_only\"}"))
                .text("api_key");
        assertProblem(api().post(path("/replay"), readOnly, body), 403, "insufficient_scope", "Authorization");
        TestAccount other = TestAccount.create(api(), "Nosy Co");
        assertProblem(api().post(path("/replay"), other.apiKey(), body), 404, "resource_missing", "id");
        assertProblem(
                api().get(path("/replays/rpl_" + "0".repeat(32)), account.apiKey()),
                404,
                "resource_missing",
                "replay_id");
        setStatus("disabled");
        assertProblem(startReplay(body), 409, "endpoint_disabled", "id");
        setStatus("active");
        ApiClient.expect(202, api().post(path("/replay"), ADMIN_KEY, body));
    }

    @Test
    void aReplayLeftRunningByAStoppedNodeBlocksAnotherAndIsResumed() {
        String since = clock.instant().toString();
        String event = publish();
        receiver.awaitCount(1, WAIT);
        clock.advance(Duration.ofSeconds(1));
        long now = clock.millis();
        // What a node that stopped mid-replay leaves behind: a running row, no batch committed.
        jdbc.sql("INSERT INTO endpoint_replays (id, account_id, mode, endpoint_id, since, until, types, status,"
                        + " total_count, created_count, last_event_id, created_at, heartbeat_at)"
                        + " VALUES (?, ?, 'live', ?, ?, ?, 'test.submitted', 'running', 1, 0, '', ?, ?)")
                .params(
                        "rpl_" + "1".repeat(32),
                        account.id(),
                        endpointId,
                        Instant.parse(since).toEpochMilli(),
                        now,
                        now,
                        now)
                .update();

        assertProblem(startReplay("{\"since\":\"" + since + "\"}"), 409, "replay_in_progress", "id");
        clock.advance(EndpointReplays.STALE_AFTER.plusSeconds(1));
        // The resumer's own round may take it first; either way it runs to its end exactly once.
        replays.resumeStale();

        JsonNode done = awaitFinished("rpl_" + "1".repeat(32));
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("created").asInt()).isEqualTo(1);
        assertThat(receiver.awaitCount(2, WAIT).get(1).header("X-SmartComply-Event-Id"))
                .isEqualTo(event);
        assertThat(replays.resumeStale()).isZero();
    }

    @Test
    void theEndpointPageStartsAReplayAndShowsItsProgress() {
        String event = publish();
        receiver.awaitCount(1, WAIT);
        clock.advance(Duration.ofSeconds(1));
        DashboardClient dashboard = DashboardClient.onPort(port);
        String session = dashboard.session(account.apiKey());
        String page = "/dashboard/settings/webhooks/" + endpointId;

        HttpResponse<String> started =
                dashboard.post(page + "/replay", session, Map.of("_csrf", dashboard.csrf(session), "window", "24h"));

        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(started.headers().firstValue("Location").orElseThrow()).contains("notice=replay_started");
        JsonNode listed = ApiClient.expect(200, api().get(path("/replays"), account.apiKey()))
                .json()
                .get("data");
        assertThat(listed).hasSize(1);
        awaitFinished(listed.get(0).get("id").asString());
        assertThat(receiver.awaitCount(2, WAIT).get(1).header("X-SmartComply-Event-Id"))
                .isEqualTo(event);
        String shown = dashboard.get(page, session).body();
        assertThat(shown)
                .contains(
                        "Replay missed events",
                        "id=\"" + listed.get(0).get("id").asString() + "\"",
                        "completed",
                        "1 of 1");
    }

    private String publish() {
        String id = api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(1))
                .text("id");
        clock.advance(Duration.ofMillis(1)); // one millisecond apart: publication order is id order
        return id;
    }

    private void setStatus(String status) {
        ApiClient.expect(200, api().patch(path(""), account.apiKey(), "{\"status\":\"" + status + "\"}"));
    }

    private String path(String suffix) {
        return "/api/v1/webhooks/endpoints/" + endpointId + suffix;
    }

    private static String window(String since, String until) {
        return "{\"since\":\"" + since + "\",\"until\":\"" + until + "\"}";
    }

    private Answer startReplay(String body) {
        return api().post(path("/replay"), account.apiKey(), body);
    }

    private JsonNode awaitFinished(String replayId) {
        return awaitFinished(endpointId, replayId);
    }

    /** Bounded polling: the batches run on a thread of their own, not on the service's clock. */
    private JsonNode awaitFinished(String endpoint, String replayId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode replay;
        do {
            replay = ApiClient.expect(
                            200,
                            api().get(
                                            "/api/v1/webhooks/endpoints/" + endpoint + "/replays/" + replayId,
                                            account.apiKey()))
                    .json();
            if (!replay.get("status").asString().equals("running")) {
                return replay;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Replay still running after " + WAIT + ": " + replay);
    }
}

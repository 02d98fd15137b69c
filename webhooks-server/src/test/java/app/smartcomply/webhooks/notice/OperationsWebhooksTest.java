package app.smartcomply.webhooks.notice;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.delivery.EndpointHealthListener;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookSigner;
import app.smartcomply.webhooks.signature.WebhookVerifier;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's operations URL receives signed {@code endpoint.failing}, {@code
 * endpoint.disabled}, {@code endpoint.recovered} and {@code delivery.exhausted} events about
 * customers' endpoints, once per state change, through the delivery engine — and none about its
 * own endpoint. Customers cannot subscribe to these types.
 */
@TestPropertySource(properties = "webhooks.delivery.pause-after-failures=0")
class OperationsWebhooksTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SigningSecret SECRET = SigningSecret.generate();
    private static final AtomicBoolean OPERATIONS_GONE = new AtomicBoolean();
    /** The platform's receiver; one per test class (the PostgreSQL subclass gets its own). */
    private static TestReceiver OPERATIONS;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OperationsWebhooks operations;

    @Autowired
    NoticeLedger ledger;

    @BeforeAll
    static void startReceiver() {
        OPERATIONS = TestReceiver.start().answering(r -> OPERATIONS_GONE.get() ? Reply.status(410) : Reply.ok());
    }

    @DynamicPropertySource
    static void operationsUrl(DynamicPropertyRegistry registry) {
        // Read when the service starts, after startReceiver.
        registry.add("webhooks.operations.url", () -> OPERATIONS.url("/ops"));
        registry.add("webhooks.operations.secret", SECRET::value);
    }

    @AfterAll
    static void stopReceiver() {
        OPERATIONS.close();
    }

    @Test
    void failingDisabledRecoveredAndExhaustedReachTheOperationsUrlSignedAndOnceEach() {
        AtomicBoolean healthy = new AtomicBoolean(false);
        try (TestReceiver flaky = TestReceiver.start().answering(r -> healthy.get() ? Reply.ok() : Reply.status(500));
                TestReceiver gone = TestReceiver.start().answering(Reply.status(410))) {
            TestAccount account = TestAccount.create(api(), "Customer Co");
            DeliveryLogApi log = new DeliveryLogApi(api(), account.apiKey());
            String flakyId = api().createEndpoint(account.apiKey(), flaky.url(), "test.submitted")
                    .text("id");

            // 410 Gone: the endpoint is disabled and the delivery dead-lettered at once.
            TestAccount other = TestAccount.create(api(), "Gone Co");
            String goneId = api().createEndpoint(other.apiKey(), gone.url(), "test.submitted")
                    .text("id");
            String goneEvent = api().publish(ADMIN_KEY, other.id(), "test.submitted", EventExamples.testSubmitted(0))
                    .text("id");
            List<JsonNode> first = awaitOperationsAbout(other.id(), 2);
            JsonNode disabled = ofType(first, "endpoint.disabled");
            assertThat(disabled.get("data").get("account_id").asString()).isEqualTo(other.id());
            assertThat(disabled.get("data").get("endpoint_id").asString()).isEqualTo(goneId);
            assertThat(disabled.get("data").get("url").asString()).isEqualTo(gone.url());
            assertThat(disabled.get("data").get("reason").asString()).contains("410");
            assertThat(disabled.get("data").get("last_error").asString()).isEqualTo("HTTP 410");
            JsonNode exhausted = ofType(first, "delivery.exhausted");
            assertThat(exhausted.get("data").get("event_id").asString()).isEqualTo(goneEvent);
            assertThat(exhausted.get("data").get("event_type").asString()).isEqualTo("test.submitted");
            assertThat(exhausted.get("data").get("endpoint_id").asString()).isEqualTo(goneId);
            assertThat(exhausted.get("data").get("attempts").asInt()).isEqualTo(1);
            assertThat(exhausted.get("data").get("last_error").asString()).isEqualTo("HTTP 410");
            assertThat(exhausted.get("data").get("delivery_id").asString())
                    .isEqualTo(new DeliveryLogApi(api(), other.apiKey()).idOf(goneEvent, goneId));

            // Failing for more than 24 hours: endpoint.failing, once.
            String e1 = api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(1))
                    .text("id");
            log.awaitAttempts(log.idOf(e1, flakyId), 1, WAIT);
            for (int n = 0; n < 4; n++) {
                advance(Duration.ofHours(9));
                String event = api().publish(
                                ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(2 + n))
                        .text("id");
                log.awaitAttempts(log.idOf(event, flakyId), 1, WAIT);
            }
            JsonNode failing = ofType(awaitOperationsAbout(account.id(), 1), "endpoint.failing");
            assertThat(failing.get("data").get("endpoint_id").asString()).isEqualTo(flakyId);
            assertThat(failing.get("data").get("last_error").asString()).isEqualTo("HTTP 500");
            assertThat(failing.get("data").get("failing_since").asString()).isNotBlank();

            // It works again: endpoint.recovered, once.
            healthy.set(true);
            String good = api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(9))
                    .text("id");
            log.awaitStatus(log.idOf(good, flakyId), "succeeded", WAIT);
            JsonNode recovered = ofType(awaitOperationsAbout(account.id(), 2), "endpoint.recovered");
            assertThat(recovered.get("data").get("endpoint_id").asString()).isEqualTo(flakyId);
            assertThat(recovered.get("data").get("failing_since").asString())
                    .isEqualTo(failing.get("data").get("failing_since").asString());
            String good2 = api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(10))
                    .text("id");
            log.awaitStatus(log.idOf(good2, flakyId), "succeeded", WAIT);

            assertThat(awaitOperationsAbout(other.id(), 2))
                    .extracting(e -> e.get("type").asString())
                    .containsExactlyInAnyOrder("endpoint.disabled", "delivery.exhausted");
            assertThat(awaitOperationsAbout(account.id(), 2))
                    .extracting(e -> e.get("type").asString())
                    .containsExactly("endpoint.failing", "endpoint.recovered");
            for (TestReceiver.Received request : OPERATIONS.received()) {
                // Signed at their own moments, days of test clock apart: only the signature is checked here.
                WebhookVerifier.withSecret(SECRET)
                        .withClock(clock)
                        .withTolerance(Duration.ofDays(30))
                        .verify(request.header(WebhookSigner.SIGNATURE_HEADER), request.body());
                assertThat(request.path()).isEqualTo("/ops");
            }
        }
    }

    @Test
    void theOperationsEndpointFailingTellsNobodyAboutItself() {
        try (TestReceiver gone = TestReceiver.start().answering(Reply.status(410))) {
            int before = OPERATIONS.received().size();
            OPERATIONS_GONE.set(true);
            TestAccount account = TestAccount.create(api(), "Loop Co");
            api().createEndpoint(account.apiKey(), gone.url(), "test.submitted");
            api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(1));
            // The customer's endpoint is disabled: endpoint.disabled and delivery.exhausted go out, are
            // answered 410, and the operations endpoint is disabled with its deliveries dead-lettered.
            OPERATIONS.awaitCount(before + 1, WAIT);
            awaitDisabled(OperationsWebhooks.ENDPOINT_ID);
            advance(Duration.ofHours(1));
            List<JsonNode> aboutItself = jdbc
                    .sql(
                            "SELECT payload FROM events WHERE account_id = ?"
                                    + " AND type IN ('endpoint.failing', 'endpoint.disabled', 'endpoint.recovered', 'delivery.exhausted')")
                    .param(OperationsWebhooks.ACCOUNT_ID)
                    .query((rs, n) -> JSON.readTree(rs.getBytes(1)))
                    .list()
                    .stream()
                    .filter(event -> OperationsWebhooks.ACCOUNT_ID.equals(
                            event.get("data").get("account_id").asString()))
                    .toList();
            assertThat(aboutItself).isEmpty();

            // A restart brings the operations endpoint back as configured.
            OPERATIONS_GONE.set(false);
            operations.afterSingletonsInstantiated();
            assertThat(jdbc.sql("SELECT status FROM endpoints WHERE id = ?")
                            .param(OperationsWebhooks.ENDPOINT_ID)
                            .query(String.class)
                            .single())
                    .isEqualTo("active");
        }
    }

    /**
     * What was sent is in the store, not in a node's memory: a node that restarts, or another node,
     * does not send a notice of the same run of failures again; a new run is noticed afresh.
     */
    @Test
    void anotherNodeOrARestartDoesNotSendTheSameNoticeAgain() {
        TestAccount account = TestAccount.create(api(), "Two Nodes Co");
        String endpointId = api().createEndpoint(account.apiKey(), "http://127.0.0.1:9/hooks", "test.submitted")
                .text("id");
        long run = clock.millis();
        long dayLater = run + Duration.ofHours(25).toMillis();
        List<EndpointNotice> firstNode = new java.util.ArrayList<>();
        List<EndpointNotice> secondNode = new java.util.ArrayList<>();
        List<EndpointHealthListener.EndpointOutcome> failing =
                List.of(new EndpointHealthListener.EndpointOutcome(endpointId, false, run, "HTTP 502"));

        new EndpointNotices(ledger, List.of(firstNode::add)).recorded(failing, List.of(), dayLater);
        new EndpointNotices(ledger, List.of(secondNode::add)).recorded(failing, List.of(), dayLater + 1);
        assertThat(firstNode).extracting(EndpointNotice::kind).containsExactly(EndpointNotice.Kind.FAILING);
        assertThat(firstNode.getFirst().lastError()).isEqualTo("HTTP 502");
        assertThat(secondNode).isEmpty();

        long nextRun = dayLater + 10;
        new EndpointNotices(ledger, List.of(secondNode::add))
                .recorded(
                        List.of(new EndpointHealthListener.EndpointOutcome(endpointId, false, nextRun, "HTTP 503")),
                        List.of(),
                        nextRun + Duration.ofHours(25).toMillis());
        assertThat(secondNode).extracting(EndpointNotice::kind).containsExactly(EndpointNotice.Kind.FAILING);
    }

    /** Test mode is the customer's rehearsal: its endpoints are disabled as usual, but concern no operator. */
    @Test
    void aTestModeEndpointIsNoOperatorsConcern() {
        try (TestReceiver gone = TestReceiver.start().answering(Reply.status(410))) {
            TestAccount account = TestAccount.create(api(), "Rehearsal Co");
            String testKey = ApiClient.expect(
                            201, api().post("/api/v1/api-keys", account.apiKey(), "{\"mode\":\"test\"}"))
                    .text("api_key");
            String endpointId =
                    api().createEndpoint(testKey, gone.url(), "test.submitted").text("id");
            ApiClient.expect(
                    202,
                    api().post(
                                    "/api/v1/events",
                                    ADMIN_KEY,
                                    "{\"account_id\":\"" + account.id() + "\",\"type\":\"test.submitted\",\"data\":"
                                            + EventExamples.testSubmitted(1) + ",\"mode\":\"test\"}"));
            gone.awaitCount(1, WAIT);
            awaitDisabled(endpointId);

            // A live endpoint's trouble afterwards is reported: the test one's, before it, was not.
            String liveId = api().createEndpoint(account.apiKey(), gone.url(), "test.submitted")
                    .text("id");
            api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(2));
            List<JsonNode> about = awaitOperationsAbout(account.id(), 2);
            assertThat(about)
                    .extracting(e -> e.get("data").get("endpoint_id").asString())
                    .containsOnly(liveId);
        }
    }

    private void awaitDisabled(String endpointId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!"disabled"
                .equals(jdbc.sql("SELECT status FROM endpoints WHERE id = ?")
                        .param(endpointId)
                        .query(String.class)
                        .single())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Endpoint " + endpointId + " was not disabled");
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
    void customersCannotSeeOrSubscribeToOperationsEvents() {
        TestAccount account = TestAccount.create(api(), "Curious Co");
        ApiClient.Answer refused = api().post(
                        "/api/v1/webhooks/endpoints",
                        account.apiKey(),
                        "{\"url\":\"" + OPERATIONS.url() + "\",\"events\":[\"endpoint.failing\"]}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("unknown_event_type");
        JsonNode types = ApiClient.expect(200, api().get("/api/v1/webhooks/event-types", account.apiKey()))
                .json();
        assertThat(types.get("data").valueStream().map(t -> t.get("name").asString()))
                .contains("webhook.endpoint.disabled")
                .doesNotContain("endpoint.failing", "endpoint.disabled", "endpoint.recovered", "delivery.exhausted");
        assertThat(api().publish(ADMIN_KEY, account.id(), "test.submitted", EventExamples.testSubmitted(1))
                        .status())
                .isEqualTo(202);
        assertThat(api().post(
                                "/api/v1/events",
                                ADMIN_KEY,
                                "{\"account_id\":\"" + account.id() + "\",\"type\":\"endpoint.failing\",\"data\":{}}")
                        .status())
                .isEqualTo(400);
    }

    /**
     * Waits until exactly {@code count} operations events about the account arrived; in arrival order.
     * Deliveries are at least once (a lease that runs out while the test steps the clock by days is
     * taken again), so events are counted by id, as a receiver de-duplicates them: what must happen
     * once is the event, not its delivery.
     */
    private static List<JsonNode> awaitOperationsAbout(String accountId, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            List<JsonNode> about = List.copyOf(OPERATIONS.received().stream()
                    .map(r -> JSON.readTree(r.bodyText()))
                    .filter(e ->
                            accountId.equals(e.get("data").get("account_id").asString()))
                    .collect(java.util.stream.Collectors.toMap(
                            e -> e.get("id").asString(), e -> e, (first, again) -> first, java.util.LinkedHashMap::new))
                    .values());
            if (about.size() >= count || System.nanoTime() > deadline) {
                assertThat(about).as("operations events about " + accountId).hasSize(count);
                return about;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static JsonNode ofType(List<JsonNode> events, String type) {
        List<JsonNode> found = events.stream()
                .filter(e -> e.get("type").asString().equals(type))
                .toList();
        assertThat(found).as("events of type " + type + " among " + events).hasSize(1);
        return found.getFirst();
    }
}

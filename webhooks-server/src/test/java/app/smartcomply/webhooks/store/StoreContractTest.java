package app.smartcomply.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.account.AdminKeyStore;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.signature.WebhookSigner;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.DashboardClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.ProblemAssertions;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The store contract: the service behaves the same on every engine. Each engine has a subclass
 * ({@link SqliteStoreContractTest}, {@link PostgresStoreContractTest}) that only says where the data
 * lives; every assertion is here, made through the public API and, where the API cannot show it,
 * on the tables themselves.
 */
// A small endpoint cap, counted by the engine: no other test here gives one account more than 5.
@TestPropertySource(properties = "webhooks.limits.endpoints-per-account=6")
abstract class StoreContractTest extends WebhooksAppTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Dialect dialect;

    ApiClient api;
    TestReceiver receiver;
    String accountId;
    String key;

    /** The engine the subclass promised. */
    abstract String expectedEngine();

    @BeforeEach
    void freshAccountAndReceiver() {
        api = api();
        receiver = TestReceiver.start();
        Answer account = api.createAccount(ADMIN_KEY, "Contract " + System.nanoTime());
        accountId = account.text("id");
        key = account.text("api_key");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void runsOnTheEngineItWasConfiguredFor() {
        assertThat(dialect.name()).isEqualTo(expectedEngine());
    }

    @Test
    void schemaIsMigratedCompletely() {
        List<Boolean> applied = jdbc.sql("SELECT success FROM flyway_schema_history WHERE version IS NOT NULL")
                .query(Boolean.class)
                .list();
        assertThat(applied).isNotEmpty().containsOnly(true);
        for (String table : List.of(
                "settings",
                "accounts",
                "api_keys",
                "endpoints",
                "endpoint_secrets",
                "events",
                "deliveries",
                "attempts",
                "dashboard_sessions")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table)
                            .query(Long.class)
                            .single())
                    .isNotNegative();
        }
    }

    @Test
    void accountKeysAuthenticateAndUnknownKeysDoNot() {
        Answer second = ApiClient.expect(201, api.post("/api/v1/accounts/" + accountId + "/api-keys", ADMIN_KEY, null));
        assertThat(ApiClient.expect(200, api.get("/api/v1/webhooks/endpoints", second.text("api_key")))
                        .json()
                        .get("data"))
                .isEmpty();
        assertThat(ApiClient.expect(200, api.get("/api/v1/webhooks/endpoints", key))
                        .json()
                        .get("data"))
                .isEmpty();
        assertThat(api.get("/api/v1/webhooks/endpoints", "sc_live_" + "0".repeat(40))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void apiKeysKeepTheirScopeModeUseRollAndRevocation() {
        Answer created = ApiClient.expect(
                201,
                api.post(
                        "/api/v1/api-keys", key, "{\"name\":\"Reporting\",\"scope\":\"read_only\",\"mode\":\"test\"}"));
        String id = created.text("id");
        ApiClient.expect(200, api.get("/api/v1/webhooks/endpoints", created.text("api_key")));
        Map<String, Object> row = jdbc.sql("SELECT name, scope, mode, key_prefix, key_hash, last_used_at, expires_at,"
                        + " revoked_at FROM api_keys WHERE id = ?")
                .param(id)
                .query()
                .singleRow();
        assertThat(row)
                .containsEntry("name", "Reporting")
                .containsEntry("scope", "read_only")
                .containsEntry("mode", "test")
                .containsEntry("key_prefix", created.text("api_key").substring(0, 12));
        assertThat(row.get("key_hash").toString())
                .doesNotContain(created.text("api_key").substring(8));
        assertThat(((Number) row.get("last_used_at")).longValue()).isEqualTo(clock.millis() - clock.millis() % 60_000);
        assertThat(row.get("expires_at")).isNull();

        Answer rolled = ApiClient.expect(200, api.post("/api/v1/api-keys/" + id + "/roll", key, "{\"expires_in\":60}"));
        assertThat(jdbc.sql("SELECT expires_at FROM api_keys WHERE id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(clock.millis() + 60_000);
        assertThat(jdbc.sql("SELECT scope || '/' || mode || '/' || name FROM api_keys WHERE id = ?")
                        .param(rolled.text("id"))
                        .query(String.class)
                        .single())
                .isEqualTo("read_only/test/Reporting");

        // Another node revokes the replacement: the next request here is refused, whatever came before.
        ApiClient.expect(200, api.get("/api/v1/webhooks/endpoints", rolled.text("api_key")));
        jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ?")
                .params(clock.millis(), rolled.text("id"))
                .update();
        Answer refused = api.get("/api/v1/webhooks/endpoints", rolled.text("api_key"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("code")).isEqualTo("api_key_revoked");
    }

    @Test
    void dashboardSessionsAreStoredAsMacsAndEndWithSignOutAndRevocation() {
        DashboardClient dashboard = DashboardClient.onPort(port);
        String session = dashboard.session(key);
        String other = dashboard.session(key);
        List<Map<String, Object>> rows = jdbc.sql(
                        "SELECT token_mac, api_key_id, expires_at FROM dashboard_sessions" + " WHERE account_id = ?")
                .param(accountId)
                .query()
                .listOfRows();
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("token_mac").toString())
                    .matches("[0-9a-f]{64}")
                    .isNotIn(session.substring(3), other.substring(3));
            assertThat(((Number) r.get("expires_at")).longValue())
                    .isEqualTo(clock.millis() + Duration.ofHours(12).toMillis());
        });

        dashboard.post("/dashboard/sign-out", session, Map.of("_csrf", dashboard.csrf(session)));
        assertThat(sessionsOf(accountId)).isEqualTo(1);
        assertThat(dashboard.get("/dashboard/settings/webhooks", other).statusCode())
                .isEqualTo(200);

        String keyId = rows.getFirst().get("api_key_id").toString();
        Answer spare = ApiClient.expect(201, api.post("/api/v1/api-keys", key, null));
        ApiClient.expect(200, api.post("/api/v1/api-keys/" + keyId + "/revoke", spare.text("api_key"), null));
        assertThat(sessionsOf(accountId)).isZero();
        assertThat(dashboard.get("/dashboard/settings/webhooks", other).statusCode())
                .isEqualTo(303);
    }

    @Test
    void theAdminKeyStoreReplacesTheStoredKey() {
        AdminKeyStore store = new AdminKeyStore(jdbc);
        String first = store.replace();
        String hash = store.storedHash().orElseThrow();
        String second = store.replace();
        assertThat(second).isNotEqualTo(first);
        assertThat(store.storedHash().orElseThrow()).isNotEqualTo(hash).doesNotContain(second.substring(9));
        assertThat(store.generateIfAbsent()).isEmpty();
    }

    @Test
    void endpointListsPageNewestFirst() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(api.createEndpoint(key, receiver.url("/e" + i), "test.submitted")
                    .text("id"));
        }
        List<String> seen = new ArrayList<>();
        List<Boolean> hasMore = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = ApiClient.expect(
                            200,
                            api.get(
                                    "/api/v1/webhooks/endpoints?limit=2"
                                            + (after == null ? "" : "&starting_after=" + after),
                                    key))
                    .json();
            page.get("data").forEach(e -> seen.add(e.get("id").asString()));
            hasMore.add(page.get("has_more").asBoolean());
            after = seen.getLast();
        } while (hasMore.getLast());
        assertThat(seen).containsExactlyElementsOf(created.reversed());
        assertThat(hasMore).containsExactly(true, true, false);
    }

    @Test
    void theEndpointCapCountsTheAccountsEndpointsThatAreNotDeleted() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            created.add(api.createEndpoint(key, receiver.url("/cap" + i), "test.submitted")
                    .text("id"));
        }
        String seventh = "{\"url\":\"" + receiver.url("/cap6") + "\",\"events\":[\"*\"]}";
        ProblemAssertions.assertProblem(
                api.post("/api/v1/webhooks/endpoints", key, seventh), 409, "limit_exceeded", "endpoints");

        ApiClient.expect(204, api.delete("/api/v1/webhooks/endpoints/" + created.getFirst(), key));
        ApiClient.expect(201, api.post("/api/v1/webhooks/endpoints", key, seventh));
    }

    @Test
    void eventListsPageNewestFirst() {
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            published.add(api.publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(i))
                    .text("id"));
        }
        JsonNode first =
                ApiClient.expect(200, api.get("/api/v1/events?limit=3", key)).json();
        String last = first.get("data").get(2).get("id").asString();
        JsonNode second = ApiClient.expect(200, api.get("/api/v1/events?limit=3&starting_after=" + last, key))
                .json();
        List<String> seen = new ArrayList<>();
        first.get("data").forEach(e -> seen.add(e.get("id").asString()));
        second.get("data").forEach(e -> seen.add(e.get("id").asString()));
        assertThat(seen).containsExactlyElementsOf(published.reversed());
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(second.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void publishFansOutToActiveSubscribersOnlyAndDeliversOnce() {
        String exact = api.createEndpoint(key, receiver.url("/exact"), "test.submitted")
                .text("id");
        String wildcard =
                api.createEndpoint(key, receiver.url("/wildcard"), "*").text("id");
        String other = api.createEndpoint(key, receiver.url("/other"), "notice.created")
                .text("id");
        String disabled = api.createEndpoint(key, receiver.url("/disabled"), "test.submitted")
                .text("id");
        ApiClient.expect(200, api.patch("/api/v1/webhooks/endpoints/" + disabled, key, "{\"status\":\"disabled\"}"));

        String event = api.publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(7))
                .text("id");

        List<TestReceiver.Received> arrived = requests(2);
        assertThat(arrived).extracting(TestReceiver.Received::path).containsExactlyInAnyOrder("/exact", "/wildcard");
        assertThat(arrived)
                .allSatisfy(r -> assertThat(r.header("X-SmartComply-Event-Id")).isEqualTo(event));
        awaitStatus(event, exact, "succeeded");
        awaitStatus(event, wildcard, "succeeded");
        assertThat(deliveryEndpoints(event))
                .containsExactlyInAnyOrder(exact, wildcard)
                .doesNotContain(other, disabled);
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.event_id = ?")
                        .param(event)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM deliveries WHERE event_id = ? AND lease_owner IS NOT NULL")
                        .param(event)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** Each publish fans out to the subscriptions as they are at that moment, however recently they changed. */
    @Test
    void everyPublishSeesTheSubscriptionsAsTheyAreAtThatMoment() {
        String first = api.createEndpoint(key, receiver.url("/first"), "test.submitted")
                .text("id");
        assertThat(deliveryEndpoints(publishTestSubmitted(20))).containsExactly(first);

        String second = api.createEndpoint(key, receiver.url("/second"), "test.submitted")
                .text("id");
        assertThat(deliveryEndpoints(publishTestSubmitted(21))).containsExactlyInAnyOrder(first, second);

        ApiClient.expect(
                200, api.patch("/api/v1/webhooks/endpoints/" + first, key, "{\"events\":[\"notice.created\"]}"));
        assertThat(deliveryEndpoints(publishTestSubmitted(22))).containsExactly(second);

        ApiClient.expect(200, api.patch("/api/v1/webhooks/endpoints/" + second, key, "{\"status\":\"disabled\"}"));
        assertThat(deliveryEndpoints(publishTestSubmitted(23))).isEmpty();

        ApiClient.expect(200, api.patch("/api/v1/webhooks/endpoints/" + second, key, "{\"status\":\"active\"}"));
        ApiClient.expect(200, api.patch("/api/v1/webhooks/endpoints/" + first, key, "{\"events\":[\"*\"]}"));
        assertThat(deliveryEndpoints(publishTestSubmitted(24))).containsExactlyInAnyOrder(first, second);

        ApiClient.expect(
                200,
                api.patch(
                        "/api/v1/webhooks/endpoints/" + second,
                        key,
                        "{\"url\":\"" + receiver.url("/second-moved") + "\"}"));
        String moved = publishTestSubmitted(25);
        awaitStatus(moved, second, "succeeded");
        assertThat(jdbc.sql("SELECT a.request_url FROM attempts a JOIN deliveries d ON d.id = a.delivery_id"
                                + " WHERE d.event_id = ? AND d.endpoint_id = ?")
                        .params(moved, second)
                        .query(String.class)
                        .single())
                .isEqualTo(receiver.url("/second-moved"));

        assertThat(api.delete("/api/v1/webhooks/endpoints/" + first, key).status())
                .isEqualTo(204);
        assertThat(deliveryEndpoints(publishTestSubmitted(26))).containsExactly(second);
    }

    @Test
    void failedAttemptIsScheduledForRetryAndTheNextOneSucceeds() {
        receiver.answering(r -> "1".equals(r.header("X-SmartComply-Attempt"))
                ? TestReceiver.Reply.status(500)
                : TestReceiver.Reply.ok());
        String endpoint =
                api.createEndpoint(key, receiver.url(), "test.submitted").text("id");
        long publishedAt = clock.millis();
        String event = api.publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(1))
                .text("id");
        requests(1);
        Map<String, Object> afterFirst = awaitRow(event, endpoint, "attempt_count", 1);
        assertThat(afterFirst.get("status")).isEqualTo("pending");
        assertThat(afterFirst.get("lease_owner")).isNull();
        assertThat(((Number) afterFirst.get("next_attempt_at")).longValue() - publishedAt)
                .isBetween(4_000L, 6_500L); // +5 s ± 20 % jitter

        engine().advance(Duration.ofSeconds(7));
        requests(2);
        Map<String, Object> afterSecond = awaitStatus(event, endpoint, "succeeded");
        assertThat(((Number) afterSecond.get("attempt_count")).intValue()).isEqualTo(2);
        assertThat(((Number) afterSecond.get("last_status")).intValue()).isEqualTo(200);
    }

    @Test
    void repeatedIdempotencyKeyReturnsTheOriginalAndCreatesNothing() {
        api.createEndpoint(key, receiver.url(), "test.submitted");
        String body = publishBody(EventExamples.testSubmitted(3));
        Answer first = ApiClient.expect(202, publishWithKey(body, "order-42"));
        Answer repeat = ApiClient.expect(202, publishWithKey(body, "order-42"));
        assertThat(repeat.text("id")).isEqualTo(first.text("id"));
        assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(eventsWithKey("order-42")).isEqualTo(1);
        assertThat(deliveryEndpoints(first.text("id"))).hasSize(1);

        Answer different = publishWithKey(publishBody(EventExamples.testSubmitted(4)), "order-42");
        assertThat(different.status()).isEqualTo(409);
        assertThat(different.text("code")).isEqualTo("idempotency_key_reused");
    }

    @Test
    void concurrentPublishesWithOneIdempotencyKeyCreateOneEvent() throws Exception {
        api.createEndpoint(key, receiver.url("/a"), "test.submitted");
        api.createEndpoint(key, receiver.url("/b"), "*");
        String body = publishBody(EventExamples.testSubmitted(9));
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return publishWithKey(body, "race-1");
                }));
            }
            start.countDown();
        }
        Set<String> ids = new HashSet<>();
        int originals = 0;
        for (Future<Answer> future : answers) {
            Answer answer = ApiClient.expect(202, future.get());
            ids.add(answer.text("id"));
            originals += "false".equals(answer.header("Idempotent-Replayed")) ? 1 : 0;
        }
        assertThat(ids).hasSize(1);
        assertThat(originals).isEqualTo(1);
        assertThat(eventsWithKey("race-1")).isEqualTo(1);
        assertThat(deliveryEndpoints(ids.iterator().next())).hasSize(2);
        assertThat(requests(2)).hasSize(2);
    }

    @Test
    void rotatedSecretSignsAfterTheOldOneDuringGrace() {
        Answer endpoint = api.createEndpoint(key, receiver.url(), "test.submitted");
        SigningSecret old = SigningSecret.parse(endpoint.text("signing_secret"));
        Answer rotated = ApiClient.expect(
                200,
                api.post(
                        "/api/v1/webhooks/endpoints/" + endpoint.text("id") + "/rotate-secret",
                        key,
                        "{\"grace_period_seconds\":3600}"));
        SigningSecret fresh = SigningSecret.parse(rotated.text("signing_secret"));

        api.publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(5));
        TestReceiver.Received delivered = requests(1).getFirst();
        String header = delivered.header(WebhookSigner.SIGNATURE_HEADER);
        long t = Long.parseLong(header.substring(2, header.indexOf(',')));
        assertThat(header).isEqualTo(WebhookSigner.signatureHeader(t, delivered.body(), List.of(old, fresh)));

        advance(Duration.ofHours(2));
        api.publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(6));
        TestReceiver.Received later = requests(2).get(1);
        String laterHeader = later.header(WebhookSigner.SIGNATURE_HEADER);
        long laterT = Long.parseLong(laterHeader.substring(2, laterHeader.indexOf(',')));
        assertThat(laterHeader).isEqualTo(WebhookSigner.signatureHeader(laterT, later.body(), List.of(fresh)));
    }

    @Test
    void aDisabledEndpointsPendingDeliveriesWaitForItAndGoOnceItIsEnabled() {
        FailedOnce failed = deliveryThatFailedOnce(9);
        String endpoint = failed.endpoint();
        String event = failed.event();
        String delivery = failed.delivery();

        ApiClient.expect(200, api.patch("/api/v1/webhooks/endpoints/" + endpoint, key, "{\"status\":\"disabled\"}"));
        JsonNode held = ApiClient.expect(200, api.get("/api/v1/webhooks/deliveries/" + delivery, key))
                .json();
        assertThat(held.get("status").asString()).isEqualTo("pending");
        assertThat(held.get("next_attempt_at").isNull())
                .as("no attempt is scheduled while the endpoint is off")
                .isTrue();
        engine().advance(Duration.ofHours(2));
        assertThat(receiver.received())
                .as("requests while the endpoint is disabled")
                .hasSize(1);

        receiver.answering(TestReceiver.Reply.ok());
        ApiClient.expect(200, api.patch("/api/v1/webhooks/endpoints/" + endpoint, key, "{\"status\":\"active\"}"));
        requests(2);
        Map<String, Object> sent = awaitStatus(event, endpoint, "succeeded");
        assertThat(((Number) sent.get("attempt_count")).intValue()).isEqualTo(2);
    }

    @Test
    void deletingAnEndpointCancelsItsPendingDeliveries() {
        FailedOnce failed = deliveryThatFailedOnce(8);
        String endpoint = failed.endpoint();
        String delivery = failed.delivery();

        assertThat(api.delete("/api/v1/webhooks/endpoints/" + endpoint, key).status())
                .isEqualTo(204);

        JsonNode detail = ApiClient.expect(200, api.get("/api/v1/webhooks/deliveries/" + delivery, key))
                .json();
        assertThat(detail.get("status").asString()).isEqualTo("cancelled");
        assertThat(detail.get("attempts")).hasSize(1);
        advance(Duration.ofHours(1));
        // Nothing is due any more: the engine, woken after the step, finds no work for this endpoint.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM deliveries WHERE endpoint_id = ? AND status = 'pending'")
                        .param(endpoint)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(api.get("/api/v1/webhooks/endpoints/" + endpoint, key).status())
                .isEqualTo(404);
    }

    // --- helpers -------------------------------------------------------------------------------

    private record FailedOnce(String endpoint, String event, String delivery) {}

    /** A new endpoint whose receiver answers 503, and the delivery of one event to it, after its first attempt. */
    private FailedOnce deliveryThatFailedOnce(int n) {
        receiver.answering(TestReceiver.Reply.status(503));
        String endpoint =
                api.createEndpoint(key, receiver.url(), "test.submitted").text("id");
        String event = api.publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(n))
                .text("id");
        requests(1);
        return new FailedOnce(
                endpoint,
                event,
                awaitRow(event, endpoint, "attempt_count", 1).get("id").toString());
    }

    private String publishTestSubmitted(int n) {
        return api.publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(n))
                .text("id");
    }

    private String publishBody(String data) {
        return "{\"account_id\":\"" + accountId + "\",\"type\":\"test.submitted\",\"data\":" + data + "}";
    }

    private Answer publishWithKey(String body, String idempotencyKey) {
        return api.send("POST", "/api/v1/events", ADMIN_KEY, body, Map.of("Idempotency-Key", idempotencyKey));
    }

    private long eventsWithKey(String idempotencyKey) {
        return jdbc.sql("SELECT COUNT(*) FROM events WHERE account_id = ? AND idempotency_key = ?")
                .params(accountId, idempotencyKey)
                .query(Long.class)
                .single();
    }

    private long sessionsOf(String account) {
        return jdbc.sql("SELECT COUNT(*) FROM dashboard_sessions WHERE account_id = ?")
                .param(account)
                .query(Long.class)
                .single();
    }

    private List<String> deliveryEndpoints(String eventId) {
        return jdbc.sql("SELECT endpoint_id FROM deliveries WHERE event_id = ?")
                .param(eventId)
                .query(String.class)
                .list();
    }

    private Map<String, Object> row(String eventId, String endpointId) {
        return jdbc.sql("SELECT id, status, attempt_count, next_attempt_at, lease_owner, last_status FROM deliveries"
                        + " WHERE event_id = ? AND endpoint_id = ?")
                .params(eventId, endpointId)
                .query()
                .singleRow();
    }

    /** Lets the engine run what is due (and finish what it started); then the receiver has {@code n} requests. */
    private List<TestReceiver.Received> requests(int n) {
        engine().settle();
        assertThat(receiver.received()).as("requests the receiver got").hasSize(n);
        return receiver.received();
    }

    /** Lets the engine finish what it started (the receiver answers before the engine records). */
    private Map<String, Object> awaitRow(String eventId, String endpointId, String column, int value) {
        return await(eventId, endpointId, r -> ((Number) r.get(column)).intValue() == value, column + " = " + value);
    }

    private Map<String, Object> awaitStatus(String eventId, String endpointId, String status) {
        return await(eventId, endpointId, r -> status.equals(r.get("status")), "status " + status);
    }

    private Map<String, Object> await(
            String eventId, String endpointId, java.util.function.Predicate<Map<String, Object>> done, String what) {
        engine().settle();
        Map<String, Object> current = row(eventId, endpointId);
        assertThat(done.test(current)).as("delivery has %s: %s", what, current).isTrue();
        return current;
    }
}

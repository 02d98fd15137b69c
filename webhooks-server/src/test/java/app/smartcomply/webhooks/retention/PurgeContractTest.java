package app.smartcomply.webhooks.retention;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.store.PrefixedIds;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.ApiClient.Answer;
import app.smartcomply.webhooks.testkit.ProblemAssertions;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * What the purge deletes and what it keeps, on every engine ({@link SqlitePurgeContractTest},
 * {@link PostgresPurgeContractTest}). Rows are written straight into the tables, each in the state
 * under test, with ids and times from the stepped clock; the engine does not send (so nothing
 * changes a state behind the test's back), and batches hold two events so that a round crosses
 * several of them, past events it must keep.
 */
@TestPropertySource(
        properties = {
            "webhooks.delivery.enabled=false",
            "webhooks.retention.period=30d",
            "webhooks.retention.batch-size=2"
        })
abstract class PurgeContractTest extends WebhooksAppTest {

    static final Duration RETENTION = Duration.ofDays(30);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Purger purger;

    @Autowired
    PrefixedIds ids;

    @Autowired
    MeterRegistry registry;

    ApiClient api;
    String accountId;
    String key;
    String endpoint;
    Instant start;

    @BeforeEach
    void accountWithAnEndpoint() {
        api = api();
        Answer account = api.createAccount(ADMIN_KEY, "Purge " + System.nanoTime());
        accountId = account.text("id");
        key = account.text("api_key");
        endpoint = api.createEndpoint(key, "http://127.0.0.1:9/hook", "test.submitted")
                .text("id");
        start = clock.instant();
    }

    @Test
    void anEventIsPurgedWithItsDeliveriesAndAttemptsOnceOlderThanTheRetentionAndNothingIsPending() {
        String held = event(0);
        String heldPending = delivery(held, endpoint, "pending", null);
        String heldDone = delivery(held, endpoint, "succeeded", at(0));
        attempt(heldDone);
        String done = event(0);
        String doneDelivery = delivery(done, endpoint, "succeeded", at(0));
        attempt(doneDelivery);
        attempt(doneDelivery);
        String cancelled = event(0);
        delivery(cancelled, endpoint, "cancelled", null);
        String alone = event(0);
        String young = event(Duration.ofDays(2).toMillis());
        delivery(young, endpoint, "succeeded", at(Duration.ofDays(2).toMillis()));

        clock.set(start.plus(RETENTION).plus(Duration.ofDays(1)));
        PurgeRound round = purger.purgeOnce();

        assertThat(round.ran()).isTrue();
        assertThat(eventsLeft()).containsExactlyInAnyOrder(held, young);
        assertThat(round.events()).isEqualTo(3);
        assertThat(round.deliveries()).isEqualTo(2);
        assertThat(round.attempts()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM deliveries WHERE event_id = ?", held))
                .isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM attempts WHERE delivery_id = ?", heldDone))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM deliveries WHERE event_id IN (?, ?, ?)", done, cancelled, alone))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM attempts WHERE delivery_id = ?", doneDelivery))
                .isZero();
        assertThat(registry.counter("webhooks.purged.rows", "table", "attempts").count())
                .isGreaterThanOrEqualTo(2);

        // Once the pending delivery ends, the event goes in the next round.
        jdbc.sql("UPDATE deliveries SET status = 'succeeded', state = 'succeeded' WHERE id = ?")
                .param(heldPending)
                .update();
        assertThat(purger.purgeOnce().events()).isEqualTo(1);
        assertThat(eventsLeft()).containsExactly(young);
    }

    @Test
    void aDeadLetterIsKeptForTheRetentionPeriodAfterItsLastAttempt() {
        String triedLate = event(0);
        delivery(triedLate, endpoint, "failed", at(Duration.ofDays(10).toMillis()));
        String triedEarly = event(0);
        delivery(triedEarly, endpoint, "failed", at(Duration.ofHours(1).toMillis()));

        clock.set(start.plus(RETENTION).plus(Duration.ofDays(1)));
        purger.purgeOnce();
        assertThat(eventsLeft()).containsExactly(triedLate);

        clock.set(start.plus(RETENTION).plus(Duration.ofDays(11)));
        purger.purgeOnce();
        assertThat(eventsLeft()).isEmpty();
    }

    @Test
    void aDeletedEndpointGoesWithItsSecretsOnceTheRetentionHasPassedAndNoDeliveryRefersToIt() {
        String deletedFree = api.createEndpoint(key, "http://127.0.0.1:9/a", "test.submitted")
                .text("id");
        String deletedReferenced = api.createEndpoint(key, "http://127.0.0.1:9/b", "test.submitted")
                .text("id");
        String deletedLately = api.createEndpoint(key, "http://127.0.0.1:9/c", "test.submitted")
                .text("id");
        String kept = event(0);
        delivery(kept, endpoint, "pending", null);
        delivery(kept, deletedReferenced, "cancelled", null);
        String gone = event(0);
        delivery(gone, deletedFree, "cancelled", null);
        for (String id : new String[] {deletedFree, deletedReferenced, deletedLately}) {
            ApiClient.expect(204, api.delete("/api/v1/webhooks/endpoints/" + id, key));
            // Each was failing and its account told so (the notice ledger; see notice/NoticeLedger).
            jdbc.sql("INSERT INTO endpoint_notices (endpoint_id, failing_since, failing_sent_at) VALUES (?, 1, 2)")
                    .param(id)
                    .update();
        }
        jdbc.sql("UPDATE endpoints SET deleted_at = ? WHERE id = ?")
                .params(start.plus(RETENTION).toEpochMilli(), deletedLately)
                .update();

        clock.set(start.plus(RETENTION).plus(Duration.ofHours(1)));
        PurgeRound round = purger.purgeOnce();

        assertThat(round.endpoints()).isEqualTo(1);
        assertThat(round.endpointSecrets()).isPositive();
        assertThat(jdbc.sql("SELECT id FROM endpoints WHERE account_id = ?")
                        .param(accountId)
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder(endpoint, deletedReferenced, deletedLately);
        assertThat(count("SELECT COUNT(*) FROM endpoint_secrets WHERE endpoint_id = ?", deletedFree))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM endpoint_secrets WHERE endpoint_id = ?", deletedReferenced))
                .isPositive();
        assertThat(count("SELECT COUNT(*) FROM endpoint_notices WHERE endpoint_id = ?", deletedFree))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM endpoint_notices WHERE endpoint_id = ?", deletedReferenced))
                .isOne();
        assertThat(eventsLeft()).containsExactly(kept);
    }

    @Test
    void aPurgedEventAndDeliveryAnswer404WithTheirOwnCodeAndAMissingRecentOneDoesNot() {
        String otherKey =
                api.createAccount(ADMIN_KEY, "Other " + System.nanoTime()).text("api_key");
        String purged = event(0);
        String purgedDelivery = delivery(purged, endpoint, "succeeded", at(0));
        ApiClient.expect(200, api.get("/api/v1/events/" + purged, key));
        clock.set(start.plus(RETENTION).plus(Duration.ofDays(1)));
        purger.purgeOnce();

        Answer event = api.get("/api/v1/events/" + purged, key);
        ProblemAssertions.assertProblem(event, 404, "event_purged", "id");
        ProblemAssertions.assertProblem(
                api.get("/api/v1/webhooks/deliveries/" + purgedDelivery, key), 404, "delivery_purged", "id");
        String neverMade = ids.next("evt_");
        ProblemAssertions.assertProblem(api.get("/api/v1/events/" + neverMade, key), 404, "resource_missing", "id");

        // Another account asking for an old id that still exists gets the answer a made-up id of the
        // same age gets: it depends on the id (and the caller's own account) alone.
        String stillHere = event(0);
        delivery(stillHere, endpoint, "pending", null);
        String madeUp =
                PrefixedIds.lowestAt("evt_", start.toEpochMilli()).replace("0000000000000000", "0123456789abcdef");
        ProblemAssertions.assertProblem(api.get("/api/v1/events/" + stillHere, otherKey), 404, "event_purged", "id");
        ProblemAssertions.assertProblem(api.get("/api/v1/events/" + madeUp, otherKey), 404, "event_purged", "id");
        // An id from before the account existed is not one of its own: plainly missing.
        ProblemAssertions.assertProblem(
                api.get("/api/v1/events/evt_" + "0".repeat(32), key), 404, "resource_missing", "id");
    }

    // --- rows in a chosen state -------------------------------------------------------------------

    long at(long offsetMillis) {
        return start.toEpochMilli() + offsetMillis;
    }

    String event(long offsetMillis) {
        Instant now = clock.instant();
        clock.set(start.plusMillis(offsetMillis));
        String id = ids.next("evt_");
        clock.set(now);
        jdbc.sql("INSERT INTO events (id, account_id, type, payload, created_at) VALUES (?, ?, 'test.submitted', ?, ?)")
                .params(id, accountId, "{}".getBytes(StandardCharsets.UTF_8), at(offsetMillis))
                .update();
        return id;
    }

    String delivery(String eventId, String endpointId, String status, Long lastAttemptAt) {
        String id = ids.next("whd_");
        long created = PrefixedIds.millisOf(eventId, "evt_");
        // With no due time a pending delivery is held (its endpoint disabled): still pending to the purge.
        jdbc.sql("INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempt_count,"
                        + " next_attempt_at, last_attempt_at, created_at, updated_at, state)"
                        + " VALUES (?, ?, ?, ?, 'test.submitted', ?, ?, NULL, ?, ?, ?, ?)")
                .params(
                        id,
                        accountId,
                        eventId,
                        endpointId,
                        status,
                        lastAttemptAt == null ? 0 : 1,
                        lastAttemptAt,
                        created,
                        lastAttemptAt == null ? created : lastAttemptAt,
                        status.equals("pending") ? "held" : status)
                .update();
        return id;
    }

    void attempt(String deliveryId) {
        jdbc.sql("INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_url,"
                        + " request_headers, response_status, response_body) VALUES (?, ?, 1, ?, 5, 'http://127.0.0.1:9/hook',"
                        + " '{}', 500, ?)")
                .params(ids.next("wha_"), deliveryId, start.toEpochMilli(), new byte[4096])
                .update();
    }

    java.util.List<String> eventsLeft() {
        return jdbc.sql("SELECT id FROM events WHERE account_id = ?")
                .param(accountId)
                .query(String.class)
                .list();
    }

    long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}

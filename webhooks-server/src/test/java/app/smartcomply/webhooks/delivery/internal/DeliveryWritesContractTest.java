package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.delivery.Attempt.Header;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link DeliverySql}'s insert and record on each engine write exactly the rows it is given: every column of a
 * publish's deliveries and of an attempt, nulls included, whatever form the engine's writes take
 * (JDBC batches on SQLite, arrays on PostgreSQL). The delivery engine is off: nothing but the test
 * writes.
 */
@TestPropertySource(properties = "webhooks.delivery.enabled=false")
abstract class DeliveryWritesContractTest extends WebhooksAppTest {

    @Autowired
    DeliverySql writes;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Test
    void insertedDeliveriesAreLeasedOrDueExactlyAsGiven() {
        Fixture f = new Fixture();

        tx.executeWithoutResult(status -> writes.insert(new NewDeliveries(
                f.accountId,
                ApiKeyMode.TEST,
                f.eventId,
                "test.submitted",
                1_000,
                new String[] {"whd_writes_a_" + f.suffix, "whd_writes_b_" + f.suffix},
                new String[] {f.endpointId, f.endpointId},
                new long[] {61_000, 1_000},
                new String[] {"node-a", null},
                new Long[] {61_000L, null},
                new DeliveryState[] {DeliveryState.LEASED, DeliveryState.WAITING})));

        Map<String, Object> leased = delivery("whd_writes_a_" + f.suffix);
        assertThat(leased)
                .containsEntry("account_id", f.accountId)
                .containsEntry("event_id", f.eventId)
                .containsEntry("endpoint_id", f.endpointId)
                .containsEntry("event_type", "test.submitted")
                .containsEntry("status", "pending")
                .containsEntry("lease_owner", "node-a")
                .containsEntry("mode", "test")
                .containsEntry("state", "leased");
        assertThat(number(leased, "attempt_count")).isZero();
        assertThat(number(leased, "next_attempt_at")).isEqualTo(61_000);
        assertThat(number(leased, "lease_expires_at")).isEqualTo(61_000);
        assertThat(number(leased, "created_at")).isEqualTo(1_000);
        Map<String, Object> due = delivery("whd_writes_b_" + f.suffix);
        assertThat(due.get("lease_owner")).isNull();
        assertThat(due.get("lease_expires_at")).isNull();
        assertThat(number(due, "next_attempt_at")).isEqualTo(1_000);
        assertThat(due).containsEntry("mode", "test").containsEntry("state", "waiting");
    }

    @Test
    void anAttemptIsLoggedColumnForColumnAndMovesOnlyALeaseStillHeld() {
        Fixture f = new Fixture();
        String held = "whd_writes_held_" + f.suffix;
        String lost = "whd_writes_lost_" + f.suffix;
        tx.executeWithoutResult(status -> writes.insert(new NewDeliveries(
                f.accountId,
                ApiKeyMode.LIVE,
                f.eventId,
                "test.submitted",
                1_000,
                new String[] {held, lost},
                new String[] {f.endpointId, f.endpointId},
                new long[] {61_000, 61_000},
                new String[] {"node-a", "node-b"},
                new Long[] {61_000L, 61_000L},
                new DeliveryState[] {DeliveryState.LEASED, DeliveryState.LEASED})));
        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        AttemptOutcome answered = new AttemptOutcome(
                claimed(held, f),
                "node-a",
                new AttemptResult(
                        2_000,
                        35,
                        List.of(new Header("webhook-id", "evt_1")),
                        200,
                        List.of(new Header("Content-Type", "application/json")),
                        body,
                        true,
                        null,
                        Optional.empty()),
                NextStep.succeeded());
        AttemptOutcome refused = new AttemptOutcome(
                claimed(lost, f),
                "node-a",
                AttemptResult.failed(2_001, 3, List.of(), "Connection refused"),
                NextStep.retryAt(9_000));

        boolean[] changed = tx.execute(status -> writes.record(
                List.of(answered, refused),
                new String[] {"wha_writes_1_" + f.suffix, "wha_writes_2_" + f.suffix},
                2_100));

        assertThat(changed).containsExactly(true, false);
        Map<String, Object> first = attempt("wha_writes_1_" + f.suffix);
        assertThat(first)
                .containsEntry("delivery_id", held)
                .containsEntry("request_url", f.url)
                .containsEntry("request_headers", answered.storedRequestHeaders())
                .containsEntry("response_headers", answered.storedResponseHeaders());
        assertThat(first.get("error")).isNull();
        assertThat(number(first, "attempt_number")).isEqualTo(1);
        assertThat(number(first, "started_at")).isEqualTo(2_000);
        assertThat(number(first, "duration_ms")).isEqualTo(35);
        assertThat(number(first, "response_status")).isEqualTo(200);
        assertThat(number(first, "response_body_truncated")).isEqualTo(1);
        assertThat((byte[]) first.get("response_body")).isEqualTo(body);
        Map<String, Object> second = attempt("wha_writes_2_" + f.suffix);
        assertThat(second).containsEntry("delivery_id", lost).containsEntry("error", "Connection refused");
        assertThat(second.get("response_status")).isNull();
        assertThat(second.get("response_body")).isNull();
        assertThat(number(second, "response_body_truncated")).isZero();

        Map<String, Object> succeeded = delivery(held);
        assertThat(succeeded).containsEntry("status", "succeeded").containsEntry("state", "succeeded");
        assertThat(succeeded.get("lease_owner")).isNull();
        assertThat(succeeded.get("next_attempt_at")).isNull();
        assertThat(number(succeeded, "attempt_count")).isEqualTo(1);
        assertThat(number(succeeded, "last_status")).isEqualTo(200);
        assertThat(number(succeeded, "last_attempt_at")).isEqualTo(2_000);
        assertThat(number(succeeded, "updated_at")).isEqualTo(2_100);
        Map<String, Object> untouched = delivery(lost);
        assertThat(untouched)
                .containsEntry("status", "pending")
                .containsEntry("lease_owner", "node-b")
                .containsEntry("state", "leased");
        assertThat(number(untouched, "attempt_count")).isZero();
    }

    @Test
    void twoOutcomesOfOneDeliveryInAGroupLogBothAttemptsAndApplyTheFirst() {
        Fixture f = new Fixture();
        String twice = "whd_writes_twice_" + f.suffix;
        tx.executeWithoutResult(status -> writes.insert(new NewDeliveries(
                f.accountId,
                ApiKeyMode.LIVE,
                f.eventId,
                "test.submitted",
                1_000,
                new String[] {twice},
                new String[] {f.endpointId},
                new long[] {61_000},
                new String[] {"node-a"},
                new Long[] {61_000L},
                new DeliveryState[] {DeliveryState.LEASED})));
        AttemptOutcome first = new AttemptOutcome(
                claimed(twice, f),
                "node-a",
                AttemptResult.failed(2_000, 3, List.of(), "Connection reset"),
                NextStep.retryAt(9_000));
        AttemptOutcome second = new AttemptOutcome(
                claimed(twice, f),
                "node-a",
                new AttemptResult(2_500, 4, List.of(), 200, List.of(), new byte[0], false, null, Optional.empty()),
                NextStep.succeeded());

        boolean[] changed = tx.execute(status -> writes.record(
                List.of(first, second),
                new String[] {"wha_writes_t1_" + f.suffix, "wha_writes_t2_" + f.suffix},
                2_600));

        assertThat(changed).containsExactly(true, false);
        assertThat(attempt("wha_writes_t1_" + f.suffix)).containsEntry("delivery_id", twice);
        assertThat(attempt("wha_writes_t2_" + f.suffix)).containsEntry("delivery_id", twice);
        Map<String, Object> row = delivery(twice);
        assertThat(row)
                .containsEntry("status", "pending")
                .containsEntry("last_error", "Connection reset")
                .containsEntry("state", "waiting");
        assertThat(number(row, "next_attempt_at")).isEqualTo(9_000);
    }

    /** An account, an endpoint and an event made through the API, for the rows to belong to. */
    private final class Fixture {
        final String suffix = Long.toString(System.nanoTime());
        final String accountId;
        final String endpointId;
        final String url = "http://127.0.0.1:9/writes";
        final String eventId;

        Fixture() {
            var account = api().createAccount(ADMIN_KEY, "Writes " + suffix);
            accountId = account.text("id");
            endpointId = api().createEndpoint(account.text("api_key"), url, "notice.created")
                    .text("id");
            eventId = api().publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(1))
                    .text("id");
        }
    }

    private static ClaimedDelivery claimed(String deliveryId, Fixture f) {
        return new ClaimedDelivery(
                deliveryId,
                f.accountId,
                f.eventId,
                "test.submitted",
                f.endpointId,
                f.url,
                0,
                new byte[0],
                null,
                61_000);
    }

    private Map<String, Object> delivery(String id) {
        return jdbc.sql("SELECT * FROM deliveries WHERE id = ?")
                .param(id)
                .query()
                .singleRow();
    }

    private Map<String, Object> attempt(String id) {
        return jdbc.sql("SELECT * FROM attempts WHERE id = ?").param(id).query().singleRow();
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}

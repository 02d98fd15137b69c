package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * What the queue contracts share: the delivery engine is off, so a test alone claims; every test
 * starts with nothing due; deliveries are made through the real publish API. One subclass per
 * contract ({@link DeliveryQueueContractTest}, {@link ClaimSelectionContractTest}, {@link
 * DeliveryHoldContractTest}), and one subclass of those per engine.
 */
@TestPropertySource(properties = "webhooks.delivery.enabled=false")
abstract class QueueContractFixture extends WebhooksAppTest {

    static final long LEASE = 60_000;

    @Autowired
    JdbcDeliveryQueue engineQueue;

    QueueUnderTest queue;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    app.smartcomply.webhooks.endpoint.EndpointsForDelivery endpointService;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @Autowired
    app.smartcomply.webhooks.store.GroupCommitter commits;

    @Autowired
    DeliverySql deliverySql;

    String accountId;
    String key;
    long now;

    @BeforeEach
    void freshAccountAndEmptyQueue() {
        ApiClient.Answer account = api().createAccount(ADMIN_KEY, "Queue " + System.nanoTime());
        accountId = account.text("id");
        key = account.text("api_key");
        now = clock.millis();
        queue = new QueueUnderTest(engineQueue);
        // Each test starts with nothing due: earlier tests' deliveries are moved out of the way.
        jdbc.sql(
                        "UPDATE deliveries SET status = 'succeeded', state = 'succeeded', next_attempt_at = NULL,"
                                + " lease_owner = NULL, lease_expires_at = NULL WHERE status = 'pending' OR lease_owner IS NOT NULL")
                .update();
    }

    // --- helpers shared by the queue contracts ------------------------------------------------

    /**
     * Sets the status of every delivery of the endpoint, as an outcome or a retry would: {@code
     * pending} makes them waiting and due now, any other status ends them.
     */
    void setStatusOfDeliveries(String endpointId, String status) {
        boolean pending = status.equals("pending");
        jdbc.sql("UPDATE deliveries SET status = :status, state = :state, next_attempt_at = :due,"
                        + " lease_owner = NULL, lease_expires_at = NULL WHERE endpoint_id = :e")
                .param("status", status)
                .param("state", pending ? "waiting" : status)
                .param("due", pending ? now : null)
                .param("e", endpointId)
                .update();
    }

    /** Distinct due times, all past, in the events' order: the first event's deliveries are the oldest. */
    void dueInPublishOrder(List<String> events) {
        for (int i = 0; i < events.size(); i++) {
            jdbc.sql("UPDATE deliveries SET next_attempt_at = :at WHERE event_id = :e")
                    .param("at", now - 100 + i)
                    .param("e", events.get(i))
                    .update();
        }
    }

    List<String> endpoints(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(api().createEndpoint(key, "http://127.0.0.1:9/e" + i, "test.submitted")
                    .text("id"));
        }
        return ids;
    }

    List<String> publish(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(api().publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(i))
                    .text("id"));
        }
        return ids;
    }

    List<String> leaseOwners(Collection<ClaimedDelivery> claimed) {
        return jdbc.sql("SELECT lease_owner FROM deliveries WHERE id IN (:ids)")
                .param("ids", claimed.stream().map(ClaimedDelivery::id).toList())
                .query(String.class)
                .list();
    }

    Map<String, Object> deliveryRow(String id) {
        return jdbc.sql(
                        "SELECT status, state, lease_owner, attempt_count, next_attempt_at FROM deliveries WHERE id = ?")
                .param(id)
                .query()
                .singleRow();
    }

    String deliveryOf(String eventId) {
        return jdbc.sql("SELECT id FROM deliveries WHERE event_id = ?")
                .param(eventId)
                .query(String.class)
                .single();
    }

    long attempts(String deliveryId) {
        return jdbc.sql("SELECT COUNT(*) FROM attempts WHERE delivery_id = ?")
                .param(deliveryId)
                .query(Long.class)
                .single();
    }

    static AttemptResult success(long at) {
        return new AttemptResult(at, 12, List.of(), 200, List.of(), new byte[0], false, null, Optional.empty());
    }

    static AttemptResult failure(long at) {
        return AttemptResult.failed(at, 3, List.of(), "Connection refused: test");
    }
}

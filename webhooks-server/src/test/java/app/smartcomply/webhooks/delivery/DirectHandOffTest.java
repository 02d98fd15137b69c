package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.delivery.internal.DeliveryEngine;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * New deliveries that find room on this node start straight from their publish: inserted leased to
 * this node, so no claim ever reads them, and started once the publish has committed. Deliveries
 * that find no room are left to the claims and arrive all the same.
 *
 * <p>The receiver holds every request until the test lets it go, so what the store says about a
 * delivery while its attempt is in flight can be read; that wait for the request is real network
 * I/O, bounded. Once it is let go, the engine is stepped ({@code ManualEngine}) to the end.
 */
@TestPropertySource(properties = "webhooks.delivery.max-in-flight-per-endpoint=2")
class DirectHandOffTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DeliveryEngine engine;

    @Autowired
    DeliveryProperties properties;

    private final CountDownLatch letReceiverAnswer = new CountDownLatch(1);
    private TestReceiver receiver;
    private ApiClient api;
    private String accountId;

    @BeforeEach
    void receiverThatHoldsEveryRequest() {
        receiver = TestReceiver.start().answering(request -> {
            try {
                letReceiverAnswer.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.ok();
        });
        api = api();
        ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Hand-off Co");
        accountId = account.text("id");
        api.createEndpoint(account.text("api_key"), receiver.url("/hooks"), "test.submitted");
    }

    @AfterEach
    void releaseReceiver() {
        letReceiverAnswer.countDown();
        receiver.close();
    }

    @Test
    void aNewDeliveryIsLeasedToThisNodeAsItIsStoredAndStartsWithoutAClaim() throws Exception {
        double handedOffBefore = started("hand_off");
        double claimedBefore = started("claim");
        long publishedAt = clock.millis();

        String eventId = publish(1);
        receiver.awaitCount(1, WAIT);

        // In flight: the row has carried this node's lease since its insert, and is due only when
        // that lease runs out — so no claim, here or on another node, can take it meanwhile.
        StoredDelivery inFlight = deliveryOf(eventId);
        assertThat(inFlight.leaseOwner()).isEqualTo(engine.nodeId());
        assertThat(inFlight.leaseExpiresAt())
                .isEqualTo(publishedAt + properties.leaseDuration().toMillis());
        assertThat(inFlight.nextAttemptAt()).isEqualTo(inFlight.leaseExpiresAt());
        assertThat(started("hand_off") - handedOffBefore).isEqualTo(1);
        assertThat(started("claim") - claimedBefore).isZero();

        letReceiverAnswer.countDown();
        StoredDelivery done = awaitStatus(eventId, "succeeded");
        assertThat(done.leaseOwner()).isNull();
        assertThat(done.attemptCount()).isEqualTo(1);
        assertThat(attemptsOf(eventId)).isEqualTo(1);
    }

    @Test
    void deliveriesBeyondTheEndpointsRoomAreLeftToTheClaimsAndStillArrive() throws Exception {
        double handedOffBefore = started("hand_off");
        double claimedBefore = started("claim");

        List<String> events = List.of(publish(1), publish(2), publish(3), publish(4), publish(5));
        receiver.awaitCount(2, WAIT);

        // Two fit the endpoint's room of two; the other three wait in the store, unleased and due.
        assertThat(started("hand_off") - handedOffBefore).isEqualTo(2);
        long waiting = events.stream()
                .map(this::deliveryOf)
                .filter(d -> d.leaseOwner() == null)
                .count();
        assertThat(waiting).isEqualTo(3);

        letReceiverAnswer.countDown();
        for (String eventId : events) {
            assertThat(awaitStatus(eventId, "succeeded").attemptCount()).isEqualTo(1);
        }
        assertThat(receiver.received()).hasSize(5);
        assertThat(started("claim") - claimedBefore).isEqualTo(3);
    }

    private String publish(int n) {
        return ApiClient.expect(
                        202, api.publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(n)))
                .text("id");
    }

    private double started(String via) {
        return meters.get("webhooks.deliveries.started")
                .tag("via", via)
                .counter()
                .count();
    }

    private record StoredDelivery(
            String status, int attemptCount, long nextAttemptAt, String leaseOwner, Long leaseExpiresAt) {}

    private StoredDelivery deliveryOf(String eventId) {
        return jdbc.sql("SELECT status, attempt_count, next_attempt_at, lease_owner, lease_expires_at"
                        + " FROM deliveries WHERE event_id = ?")
                .param(eventId)
                .query((rs, n) -> new StoredDelivery(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getObject(5) == null ? null : rs.getLong(5)))
                .single();
    }

    private int attemptsOf(String eventId) {
        return jdbc.sql(
                        "SELECT COUNT(*) FROM attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.event_id = ?")
                .param(eventId)
                .query(Integer.class)
                .single();
    }

    /** Lets the engine finish what it started and run what is due; then the delivery has this status. */
    private StoredDelivery awaitStatus(String eventId, String status) {
        engine().settle();
        StoredDelivery delivery = deliveryOf(eventId);
        assertThat(delivery.status())
                .as("status of the delivery of %s", eventId)
                .isEqualTo(status);
        return delivery;
    }
}

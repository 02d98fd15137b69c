package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A handed-off delivery waits in memory until its endpoint's signing secrets can be read. If that
 * takes so long that its lease (written with the publish) runs out, or has less left than one
 * attempt may take, the hand-off must not start it: once the lease is gone any node's claim may
 * take the delivery, and two sends would run at once. It is left to the claims, and sent once.
 *
 * <p>The secrets are made unreadable for real: their table is renamed away on the SQLite file
 * while the delivery waits. One slot per endpoint, so this node's own claims leave the endpoint
 * alone while the hand-off holds its slot.
 */
@TestPropertySource(
        properties = {
            "webhooks.delivery.max-in-flight-per-endpoint=1",
            "webhooks.delivery.timeout=10s",
            "webhooks.delivery.lease-duration=60s"
        })
class HandOffLeaseTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Value("${webhooks.store.data-dir}")
    String dataDir;

    private TestReceiver receiver;
    private ApiClient api;
    private String accountId;

    @BeforeEach
    void endpoint() {
        receiver = TestReceiver.start().answering(Reply.ok());
        api = api();
        ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Lease Co " + System.nanoTime());
        accountId = account.text("id");
        api.createEndpoint(account.text("api_key"), receiver.url("/hooks"), "test.submitted");
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    @Test
    void aHandedOffDeliveryWhoseLeaseRanOutWhileItsSecretsWereUnreadableIsLeftToTheClaims() throws Exception {
        double handedOffBefore = started("hand_off");
        double claimedBefore = started("claim");
        double lapsedBefore = lapsed();

        String eventId;
        try (SecretsAway away = new SecretsAway()) {
            eventId = publish();
            // The hand-off keeps failing to read the secrets while the lease (60 s) runs out.
            advance(Duration.ofSeconds(61));
        }

        awaitSucceeded(eventId);
        assertThat(started("hand_off") - handedOffBefore)
                .as("started by the hand-off after its lease ran out")
                .isZero();
        assertThat(lapsed() - lapsedBefore).isEqualTo(1);
        assertThat(started("claim") - claimedBefore).isEqualTo(1);
        assertThat(receiver.received()).hasSize(1);
        assertThat(attemptsOf(eventId)).isEqualTo(1);
    }

    @Test
    void aHandedOffDeliveryWithLessLeaseLeftThanAnAttemptMayTakeIsNotStartedEither() throws Exception {
        double handedOffBefore = started("hand_off");
        double claimedBefore = started("claim");
        double lapsedBefore = lapsed();

        String eventId;
        try (SecretsAway away = new SecretsAway()) {
            eventId = publish();
            // 5 s of lease left, half the send timeout: an attempt started now could outlive it.
            advance(Duration.ofSeconds(55));
        }
        // The hand-off has dealt with it once it is started or counted as lapsed.
        awaitHandOffDone(handedOffBefore, lapsedBefore);
        assertThat(started("hand_off") - handedOffBefore)
                .as("started with less lease left than the timeout")
                .isZero();
        assertThat(lapsed() - lapsedBefore).isEqualTo(1);
        // The claims cannot take it while the lease is live; once it runs out they do.
        assertThat(receiver.received()).isEmpty();
        advance(Duration.ofSeconds(6));

        awaitSucceeded(eventId);
        assertThat(started("claim") - claimedBefore).isEqualTo(1);
        assertThat(receiver.received()).hasSize(1);
        assertThat(attemptsOf(eventId)).isEqualTo(1);
    }

    /** The signing-secret table renamed away on the SQLite file, and back on close. */
    private final class SecretsAway implements AutoCloseable {
        private final Connection other;

        SecretsAway() throws Exception {
            other = DriverManager.getConnection("jdbc:sqlite:" + Path.of(dataDir, "webhooks.db"));
            execute("PRAGMA busy_timeout = 10000");
            execute("ALTER TABLE endpoint_secrets RENAME TO endpoint_secrets_away");
        }

        @Override
        public void close() throws Exception {
            try {
                execute("ALTER TABLE endpoint_secrets_away RENAME TO endpoint_secrets");
            } finally {
                other.close();
            }
        }

        private void execute(String sql) throws Exception {
            try (Statement statement = other.createStatement()) {
                statement.execute(sql);
            }
        }
    }

    private String publish() {
        return ApiClient.expect(
                        202, api.publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(1)))
                .text("id");
    }

    private double started(String via) {
        return meters.get("webhooks.deliveries.started")
                .tag("via", via)
                .counter()
                .count();
    }

    private double lapsed() {
        return meters.get("webhooks.deliveries.hand_off.lapsed").counter().count();
    }

    /** Until the hand-off has started the delivery or given it up (bounded; its retries are 50 ms apart). */
    private void awaitHandOffDone(double handedOffBefore, double lapsedBefore) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (started("hand_off") == handedOffBefore && lapsed() == lapsedBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private int attemptsOf(String eventId) {
        return jdbc.sql(
                        "SELECT COUNT(*) FROM attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.event_id = ?")
                .param(eventId)
                .query(Integer.class)
                .single();
    }

    /** Lets the engine finish what it started and run what is due; then the delivery has succeeded. */
    private void awaitSucceeded(String eventId) {
        engine().settle();
        assertThat(statusOf(eventId))
                .as("status of the delivery of %s", eventId)
                .isEqualTo("succeeded");
    }

    private String statusOf(String eventId) {
        return jdbc.sql("SELECT status FROM deliveries WHERE event_id = ?")
                .param(eventId)
                .query(String.class)
                .single();
    }
}

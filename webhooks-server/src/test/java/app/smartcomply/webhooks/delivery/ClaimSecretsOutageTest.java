package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A claim whose read of signing secrets fails (the store went away between the claim's commit and
 * the read) must not keep the endpoint's room on this node: once the store is back and the claimed
 * lease has run out, the delivery is claimed again and sent. The secrets are made unreadable for
 * real, by renaming their table away on the SQLite file.
 */
@TestPropertySource(
        properties = {"webhooks.delivery.max-in-flight-per-endpoint=1", "webhooks.delivery.lease-duration=60s"})
class ClaimSecretsOutageTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    JdbcClient jdbc;

    @Value("${webhooks.store.data-dir}")
    String dataDir;

    @Test
    void aClaimThatCouldNotReadSecretsGivesTheEndpointsRoomBack() throws Exception {
        CountDownLatch letFirstAnswer = new CountDownLatch(1);
        try (TestReceiver receiver = TestReceiver.start().answering(request -> {
            try {
                letFirstAnswer.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Reply.ok();
        })) {
            ApiClient api = api();
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Outage Co");
            api.createEndpoint(account.text("api_key"), receiver.url("/hooks"), "test.submitted");
            String first = publish(api, account.text("id"), 1);
            receiver.awaitCount(1, WAIT); // in flight: the endpoint's one slot is taken
            String second = publish(api, account.text("id"), 2); // no room: left to the claims

            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + Path.of(dataDir, "webhooks.db"));
                    Statement statement = other.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 10000");
                statement.execute("ALTER TABLE endpoint_secrets RENAME TO endpoint_secrets_away");
                letFirstAnswer.countDown(); // the slot comes back; a claim takes the second, then fails to read secrets
                awaitLeased(second);
                statement.execute("ALTER TABLE endpoint_secrets_away RENAME TO endpoint_secrets");
            }
            engine().advance(Duration.ofSeconds(61)); // the failed claim's lease runs out; a claim takes it again

            assertThat(statusOf(first)).isEqualTo("succeeded");
            assertThat(statusOf(second)).isEqualTo("succeeded");
            assertThat(receiver.received()).hasSize(2);
        }
    }

    private static String publish(ApiClient api, String accountId, int n) {
        return ApiClient.expect(
                        202, api.publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(n)))
                .text("id");
    }

    private void awaitLeased(String eventId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (leaseOwnerOf(eventId) == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(leaseOwnerOf(eventId)).as("claimed").isNotNull();
    }

    private String leaseOwnerOf(String eventId) {
        return jdbc.sql("SELECT lease_owner FROM deliveries WHERE event_id = ?")
                .param(eventId)
                .query((rs, n) -> rs.getString(1))
                .list()
                .getFirst();
    }

    private String statusOf(String eventId) {
        return jdbc.sql("SELECT status FROM deliveries WHERE event_id = ?")
                .param(eventId)
                .query(String.class)
                .single();
    }
}

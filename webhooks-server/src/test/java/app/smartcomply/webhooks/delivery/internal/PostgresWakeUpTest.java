package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.WebhooksApplication;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two nodes on one PostgreSQL database: node A serves only the API, node B (the test's own
 * service) only sends, and polls so rarely that only a {@code NOTIFY} from A can explain B sending
 * at once. Also: B's listening connection is killed by the server and B hears A again after
 * reconnecting.
 */
class PostgresWakeUpTest extends WebhooksAppTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("wake_up");

    /** B's backstop poll: far longer than any wait in this test. */
    private static final Duration POLL = Duration.ofMinutes(10);

    private static ConfigurableApplicationContext nodeA;

    @Autowired
    PostgresListener listener;

    @DynamicPropertySource
    static void onPostgresWithRarePolls(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
        registry.add("webhooks.delivery.poll-interval", POLL::toString);
    }

    @BeforeAll
    static void noNodeAYet() {
        nodeA = null;
    }

    @AfterAll
    static void stopNodeA() {
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void aPublishOnOneNodeIsSentByAnotherAtOnceAndAfterTheListenerReconnects() throws Exception {
        ApiClient onB = api();
        ApiClient onA = ApiClient.onPort(startApiOnlyNodeA());
        try (TestReceiver receiver = TestReceiver.start()) {
            ApiClient.Answer account = onB.createAccount(ADMIN_KEY, "Wake-up");
            onB.createEndpoint(account.text("api_key"), receiver.url(), "test.submitted");
            // A stamps deliveries due at its real "now"; B's stepped clock must not be behind that. Set
            // directly (not advance(), which would wake B's engine and prove nothing).
            clock.set(java.time.Instant.now().plus(Duration.ofMinutes(5)));
            awaitListeningSession(1);
            Thread.sleep(POLL_SETTLE_MS); // let B's dispatcher settle into its long wait

            long started = System.nanoTime();
            onA.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(1));
            TestReceiver.Received first =
                    receiver.awaitCount(1, Duration.ofSeconds(30)).getFirst();
            System.out.printf(
                    "NOTIFY wake-up: published on A, received from B after %d ms%n",
                    (first.arrivedAtNanos() - started) / 1_000_000);

            assertThat(terminateListenerSessions()).isEqualTo(1);
            awaitListeningSession(2); // B notices, backs off, reconnects
            Thread.sleep(POLL_SETTLE_MS);

            long again = System.nanoTime();
            onA.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(2));
            TestReceiver.Received second =
                    receiver.awaitCount(2, Duration.ofSeconds(30)).get(1);
            System.out.printf(
                    "NOTIFY wake-up after the listener reconnected: %d ms%n",
                    (second.arrivedAtNanos() - again) / 1_000_000);
        }
    }

    private static final long POLL_SETTLE_MS = 300;

    private void awaitListeningSession(int established) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (listener.sessionsEstablished() < established || !listener.isListening() || listenerSessions() != 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("B never listened");
            }
            Thread.sleep(20);
        }
    }

    private int startApiOnlyNodeA() throws Exception {
        // As command-line arguments: they outrank application.yml, as a real node's settings would.
        nodeA = new SpringApplicationBuilder(WebhooksApplication.class)
                .run(
                        "--server.port=0",
                        "--webhooks.store.database-url=" + database.url(),
                        "--webhooks.store.max-pool-size=4",
                        "--webhooks.store.data-dir=" + Files.createTempDirectory("webhooks-node-a-"),
                        "--webhooks.delivery.enabled=false",
                        "--webhooks.dev-mode=true",
                        "--webhooks.admin-key=" + ADMIN_KEY);
        return ((WebServerApplicationContext) nodeA).getWebServer().getPort();
    }

    private static int listenerSessions() {
        return countOrTerminate("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'webhooks-listener'"
                + " AND datname = current_database()");
    }

    private static int terminateListenerSessions() {
        return countOrTerminate("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE application_name = 'webhooks-listener' AND datname = current_database()");
    }

    private static int countOrTerminate(String sql) {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}

package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * While the SQLite write lock is taken (a long write elsewhere), attempts that finish cannot be
 * recorded and wait for it. They must wait without starving the attempts still in flight: a
 * receiver that answers in 0.5 s gets its answer read and recorded as a success — not cut off by
 * the send timeout because every thread that could read it was stuck waiting for the lock.
 */
@TestPropertySource(properties = {"webhooks.delivery.timeout=3s", "webhooks.delivery.lease-duration=60s"})
class StoreLockWaitTest extends WebhooksAppTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** More waiting recorders than any test machine has cores (virtual-thread carriers). */
    private static final int WAITING_RECORDS = 64;

    private static final Duration HOLD_LOCK = Duration.ofSeconds(6);

    @Value("${webhooks.store.data-dir}")
    String dataDir;

    @Test
    void attemptsInFlightAreReadWhileFinishedOnesWaitForTheWriteLock() throws Exception {
        try (TestReceiver quick = TestReceiver.start().answering(Reply.ok().after(Duration.ofMillis(300)));
                TestReceiver measured =
                        TestReceiver.start().answering(Reply.ok().after(Duration.ofMillis(500)))) {
            ApiClient api = api();
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Lock Co");
            String key = account.text("api_key");
            DeliveryLogApi log = new DeliveryLogApi(api, key);
            // Two quick endpoints (32 in flight each at most), all answering 300 ms after arrival.
            for (int i = 0; i < 2; i++) {
                api.createEndpoint(key, quick.url("/q" + i), "test.submitted");
            }
            String measuredId =
                    api.createEndpoint(key, measured.url(), "test.submitted").text("id");
            List<String> events = new ArrayList<>();
            for (int i = 0; i < WAITING_RECORDS / 2; i++) {
                events.add(api.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(i))
                        .text("id"));
            }
            // Every request is out (the claims are done); take the write lock before the answers come.
            quick.awaitCount(WAITING_RECORDS, WAIT);
            measured.awaitCount(WAITING_RECORDS / 2, WAIT);
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + Path.of(dataDir, "webhooks.db"));
                    Statement statement = other.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 30000");
                statement.execute("BEGIN IMMEDIATE");
                Thread.sleep(HOLD_LOCK);
                statement.execute("ROLLBACK");
            }

            for (String eventId : events) {
                JsonNode delivery = log.awaitAttempts(log.idOf(eventId, measuredId), 1, WAIT);
                JsonNode attempt = delivery.get("attempts").get(0);
                assertThat(attempt.get("error").isNull())
                        .as("attempt of %s: %s", eventId, attempt.get("error"))
                        .isTrue();
                assertThat(delivery.get("status").asString()).isEqualTo("succeeded");
            }
        }
    }
}

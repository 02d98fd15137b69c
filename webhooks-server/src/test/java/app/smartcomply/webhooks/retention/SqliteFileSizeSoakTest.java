package app.smartcomply.webhooks.retention;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Publishing and purging over many retention windows, the SQLite file stops growing: every window
 * stores a few MiB of response bodies (64 KiB per attempt, the most that is kept), the purge
 * deletes the previous window's, and the freed pages are given back, so the file after the last
 * window is no larger than after an early one, within one window's worth of data; and the database
 * file itself shrinks back once the purge has deleted a window (incremental vacuum).
 */
@TestPropertySource(properties = {"webhooks.retention.period=PT10S", "webhooks.retention.batch-size=20"})
class SqliteFileSizeSoakTest extends WebhooksAppTest {

    static final int EVENTS_PER_WINDOW = 50;
    static final int WINDOWS = 12;
    /** The window whose size the last one is compared with: after the WAL has reached its size. */
    static final int EARLY = 4;

    static final String BIG_BODY = "x".repeat(64 * 1024);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Purger purger;

    @Value("${webhooks.store.data-dir}")
    Path dataDir;

    @Test
    void theFileSizePlateausWhileWindowsOfDataComeAndGo() throws Exception {
        ApiClient api = api();
        var account = api.createAccount(ADMIN_KEY, "Soak");
        String accountId = account.text("id");
        List<Long> sizes = new ArrayList<>();
        List<Long> databaseSizes = new ArrayList<>();
        long storedPerWindow = 0;
        try (TestReceiver receiver = TestReceiver.start().answering(Reply.ok().withBody(BIG_BODY))) {
            api.createEndpoint(account.text("api_key"), receiver.url(), "test.submitted");
            for (int window = 0; window < WINDOWS; window++) {
                for (int i = 0; i < EVENTS_PER_WINDOW; i++) {
                    api.publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(window * 1000 + i));
                }
                awaitAllDelivered();
                storedPerWindow = jdbc.sql("SELECT COALESCE(SUM(LENGTH(response_body)), 0) FROM attempts")
                        .query(Long.class)
                        .single();
                advance(Duration.ofSeconds(11));
                PurgeRound round = purger.purgeOnce();
                assertThat(round.events())
                        .as("window %d purged the window's events", window)
                        .isEqualTo(EVENTS_PER_WINDOW);
                sizes.add(size());
                databaseSizes.add(Files.size(dataDir.resolve("webhooks.db")));
            }
        }
        long margin = storedPerWindow;
        long writtenAfterEarly = storedPerWindow * (WINDOWS - 1 - EARLY);
        assertThat(storedPerWindow)
                .as("bytes of response bodies stored per window")
                .isGreaterThan(EVENTS_PER_WINDOW * 60_000L);
        assertThat(writtenAfterEarly).as("growth without the purge would show").isGreaterThan(5 * margin);
        assertThat(sizes.getLast())
                .as("file sizes after each window: %s", sizes)
                .isLessThanOrEqualTo(sizes.get(EARLY) + margin);
        // Given back, not only free for reuse inside the file: after a round that deleted everything,
        // the database file is a fraction of one window's data.
        assertThat(databaseSizes.getLast())
                .as("database file sizes after each window: %s", databaseSizes)
                .isLessThan(storedPerWindow / 4);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM attempts").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("PRAGMA integrity_check").query(String.class).single())
                .isEqualTo("ok");
    }

    /** Real deliveries over a real socket: bounded polling, not stepped time. */
    private void awaitAllDelivered() throws InterruptedException {
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (jdbc.sql("SELECT COUNT(*) FROM deliveries WHERE status <> 'succeeded'")
                        .query(Long.class)
                        .single()
                > 0) {
            assertThat(System.nanoTime())
                    .as("deliveries did not all succeed in time")
                    .isLessThan(giveUpAt);
            Thread.sleep(20);
        }
    }

    /** The database file and its write-ahead log, as they take room on the disk. */
    private long size() throws Exception {
        long total = 0;
        for (String name : new String[] {"webhooks.db", "webhooks.db-wal"}) {
            Path file = dataDir.resolve(name);
            if (Files.exists(file)) {
                total += Files.size(file);
            }
        }
        return total;
    }
}

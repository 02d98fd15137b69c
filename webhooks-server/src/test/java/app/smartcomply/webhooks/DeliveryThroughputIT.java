package app.smartcomply.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryRecordingReceiver;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import app.smartcomply.webhooks.testkit.ServiceNodeProcess;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A measurement, not a check of speed: how fast one PostgreSQL node drains a backlog of deliveries
 * to a fast local receiver, and how many commits the database makes per delivery, with attempt
 * recording one-per-transaction ({@code record-batch-size=1}) against group commit. Opt-in:
 * {@code -Dwebhooks.it.throughput=true}; figures are printed, only correctness is asserted.
 */
class DeliveryThroughputIT {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("throughput");

    private static final String ADMIN_KEY = "sc_admin_throughput_0123456789abcdef";
    private static final int EVENTS = Integer.getInteger("webhooks.it.throughput.events", 2000);
    private static final List<String> PATHS = List.of("/a", "/b", "/c");

    private final List<ServiceNodeProcess> started = new ArrayList<>();
    private final Map<String, String> environment = ServiceNodeProcess.clusterEnvironment(
            database.url(), ADMIN_KEY, Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));

    @AfterEach
    void stopNodes() {
        started.forEach(ServiceNodeProcess::close);
    }

    @Test
    void drainABacklogWithAndWithoutGroupCommit() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("webhooks.it.throughput"), "opt-in: -Dwebhooks.it.throughput=true");
        try (DeliveryRecordingReceiver receiver = DeliveryRecordingReceiver.start(Duration.ZERO)) {
            ServiceNodeProcess api = node("api-only", List.of("--webhooks.delivery.enabled=false"))
                    .awaitReady(Duration.ofSeconds(150));
            ApiClient.Answer account = api.api().createAccount(ADMIN_KEY, "Throughput");
            for (String path : PATHS) {
                api.api().createEndpoint(account.text("api_key"), receiver.url(path), "test.submitted");
            }
            publish(api, account.text("id"));
            api.terminate(Duration.ofSeconds(60));

            List<Integer> batchSizes = List.of(1, 100, 1, 100);
            for (int run = 0; run < batchSizes.size(); run++) {
                int batch = batchSizes.get(run);
                resetBacklog();
                long commitsBefore = commits();
                long walSyncsBefore = walSyncs();
                long before = receiver.requests();
                int deliveries = EVENTS * PATHS.size();
                ServiceNodeProcess sender =
                        node("sender-" + run, List.of("--webhooks.delivery.record-batch-size=" + batch));
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                long startedAt = 0;
                while (receiver.requests() < before + deliveries) {
                    if (startedAt == 0 && receiver.requests() > before) {
                        startedAt = System.nanoTime();
                    }
                    assertThat(System.nanoTime()).as("backlog drained in time").isLessThan(deadline);
                    Thread.sleep(2);
                }
                long drainedAt = receiver.lastArrivalNanos();
                awaitAllSucceeded();
                long commits = commits() - commitsBefore;
                long walSyncs = walSyncs() - walSyncsBefore;
                sender.terminate(Duration.ofSeconds(60));
                double seconds = Math.max(0.001, (drainedAt - startedAt) / 1e9);
                System.out.printf(
                        "THROUGHPUT: record-batch-size=%d: %d deliveries in %.1f s = %.0f/s;"
                                + " %.2f commits and %.2f WAL syncs per delivery%n",
                        batch,
                        deliveries,
                        seconds,
                        deliveries / seconds,
                        commits / (double) deliveries,
                        walSyncs / (double) deliveries);
            }
        }
    }

    private ServiceNodeProcess node(String name, List<String> args) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("WEBHOOKS_NODE_ID", name);
        List<String> all = new ArrayList<>(args);
        all.add("--webhooks.store.max-pool-size=10");
        ServiceNodeProcess node = ServiceNodeProcess.start(name, env, all);
        started.add(node);
        return node;
    }

    private static void publish(ServiceNodeProcess api, String accountId) throws Exception {
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService publishers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < 8; p++) {
                running.add(publishers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < EVENTS; i = next.getAndIncrement()) {
                        api.api().publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
    }

    private static void resetBacklog() throws SQLException {
        try (Connection db = database.connect();
                Statement sql = db.createStatement()) {
            sql.execute("DELETE FROM attempts");
            sql.execute(
                    "UPDATE deliveries SET status = 'pending', state = 'waiting', attempt_count = 0, lease_owner = NULL,"
                            + " lease_expires_at = NULL, next_attempt_at = " + System.currentTimeMillis());
        }
    }

    private static void awaitAllSucceeded() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (single("SELECT COUNT(*) FROM deliveries WHERE status <> 'succeeded'") > 0) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static long commits() throws SQLException {
        return single("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
    }

    private static long walSyncs() throws SQLException {
        return single("SELECT wal_sync FROM pg_stat_wal");
    }

    private static long single(String query) throws SQLException {
        try (Connection db = database.connect();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

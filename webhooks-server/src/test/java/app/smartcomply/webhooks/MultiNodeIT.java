package app.smartcomply.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryRecordingReceiver;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import app.smartcomply.webhooks.testkit.ServiceNodeProcess;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes as separate JVM processes on one fresh PostgreSQL database, started together on the
 * empty database (migrations race for Flyway's lock), a few thousand events to several endpoints,
 * one node SIGKILLed mid-run and restarted, then one node stopped gracefully with attempts in
 * flight.
 *
 * <p>What must hold: every accepted (202) event reaches every subscribed endpoint and no other; no
 * delivery is ever being sent by two nodes at the same moment (the receiver watches every delivery
 * id); a node told to stop finishes what it is sending, keeps no lease, and exits within its send
 * timeout plus shutdown slack. Duplicates after the crash are allowed and reported, as is the time
 * the cluster took to recover the crashed node's work.
 *
 * <p>Leases are shortened (15 s, send timeout 5 s) so the killed node's work comes back soon.
 */
class MultiNodeIT {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("multi_node");

    private static final String ADMIN_KEY = "sc_admin_multinode_0123456789abcdef";
    private static final int EVENTS = 3000;
    private static final int GRACEFUL_EVENTS = 60;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final Duration READY = Duration.ofSeconds(150);
    private static final List<String> SUBSCRIBED = List.of("/exact", "/wildcard", "/two-types");

    private final List<ServiceNodeProcess> started = new CopyOnWriteArrayList<>();
    private final Map<String, String> environment = ServiceNodeProcess.clusterEnvironment(
            database.url(), ADMIN_KEY, Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));

    @AfterEach
    void stopEveryNode() {
        started.forEach(ServiceNodeProcess::close);
    }

    @Test
    void threeNodesDeliverEverythingThroughACrashAndStopGracefully() throws Exception {
        // Each request is held 50 ms, so every node always has some deliveries in flight to be cut.
        try (DeliveryRecordingReceiver receiver = DeliveryRecordingReceiver.start(Duration.ofMillis(50))) {
            // 1. Three nodes at once on an empty database.
            long bootStarted = System.nanoTime();
            ServiceNodeProcess a = node("node-a");
            ServiceNodeProcess b = node("node-b-1");
            ServiceNodeProcess c = node("node-c");
            for (ServiceNodeProcess n : List.of(a, b, c)) {
                n.awaitReady(READY);
            }
            report("3 nodes started together on an empty database, all ready after %d s", secondsSince(bootStarted));
            assertMigratedOnce();

            // 2. An account, three subscribed endpoints and one that must receive nothing.
            ApiClient.Answer account = a.api().createAccount(ADMIN_KEY, "Multi-node");
            String key = account.text("api_key");
            a.api().createEndpoint(key, receiver.url("/exact"), "test.submitted");
            b.api().createEndpoint(key, receiver.url("/wildcard"), "*");
            c.api().createEndpoint(key, receiver.url("/two-types"), "test.submitted", "notice.created");
            a.api().createEndpoint(key, receiver.url("/unsubscribed"), "notice.created");

            // 3. Load, with node B killed a third of the way through and restarted.
            List<ServiceNodeProcess> live = new CopyOnWriteArrayList<>(List.of(a, b, c));
            Map<Integer, String> accepted = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            long loadStarted = System.nanoTime();
            Crash crash = new Crash();
            try (ExecutorService publishers = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> running = new ArrayList<>();
                for (int p = 0; p < 12; p++) {
                    running.add(publishers.submit(() -> publishUntilDone(next, accepted, live, account.text("id"))));
                }
                running.add(publishers.submit(() -> {
                    awaitAccepted(accepted, EVENTS / 3);
                    awaitLeases("node-b-1", 3, Duration.ofSeconds(20)); // kill it mid-send, not idle
                    crash.killAndRestart(b, live);
                    return null;
                }));
                for (Future<?> f : running) {
                    f.get();
                }
            }
            report(
                    "%d events accepted (202) in %d s through the live nodes",
                    accepted.size(), secondsSince(loadStarted));
            assertThat(accepted).hasSize(EVENTS);

            awaitPairs(receiver, EVENTS * SUBSCRIBED.size(), Duration.ofSeconds(120));
            long loadSeconds = Math.max(1, secondsSince(loadStarted));
            for (String eventId : accepted.values()) {
                for (String path : SUBSCRIBED) {
                    assertThat(receiver.received(path, eventId))
                            .as("%s received %s", path, eventId)
                            .isTrue();
                }
            }
            assertThat(receiver.pairsReceived())
                    .as("nothing for the unsubscribed endpoint")
                    .isEqualTo(EVENTS * SUBSCRIBED.size());
            awaitAllSucceeded(EVENTS * SUBSCRIBED.size());
            long recoveredAt = maxLastAttemptAt(crash.stranded);
            report(
                    "%d deliveries received in %d s (%d/s incl. the crash), %d requests, %d duplicated deliveries, %d overlaps",
                    receiver.deliveriesReceived(),
                    loadSeconds,
                    receiver.deliveriesReceived() / loadSeconds,
                    receiver.requests(),
                    receiver.duplicated().size(),
                    receiver.overlaps().size());
            report(
                    "crash: node B held %d leases when SIGKILLed; %s; restarted node ready after %d s;"
                            + " %d of the duplicates were among its leases",
                    crash.stranded.size(),
                    crash.stranded.isEmpty()
                            ? "none to recover"
                            : "all of them delivered " + (recoveredAt - crash.killedAtMillis)
                                    + " ms after the kill (lease " + LEASE.toSeconds() + " s)",
                    crash.restartSeconds,
                    crash.stranded.stream()
                            .filter(id -> receiver.arrivals(id) > 1)
                            .count());
            assertThat(receiver.overlaps()).as("concurrent double sends").isEmpty();

            // 4. Graceful stop of node C while it has attempts in flight to a slow receiver.
            receiver.answerAfter(Duration.ofSeconds(1)); // well inside the 5 s send timeout
            List<String> graceful = new ArrayList<>();
            for (int i = 0; i < GRACEFUL_EVENTS; i++) {
                graceful.add(a.api()
                        .publish(
                                ADMIN_KEY,
                                account.text("id"),
                                "test.submitted",
                                EventExamples.testSubmitted(EVENTS + i))
                        .text("id"));
            }
            List<String> heldByC = awaitLeasesOf("node-c", Duration.ofSeconds(30));
            Duration exit = c.terminate(TIMEOUT.plusSeconds(25));
            report(
                    "graceful stop: node C held %d leases at SIGTERM and exited after %d ms (send timeout %d s); log: %s",
                    heldByC.size(), exit.toMillis(), TIMEOUT.toSeconds(), c.logLines("Delivery engine stopped"));
            assertThat(leasesOf("node-c"))
                    .as("leases left behind by the stopped node")
                    .isEmpty();
            awaitPairs(receiver, (EVENTS + GRACEFUL_EVENTS) * SUBSCRIBED.size(), Duration.ofSeconds(90));
            for (String delivery : heldByC) {
                assertThat(receiver.arrivals(delivery))
                        .as("%s, in flight on C at SIGTERM, sent once", delivery)
                        .isEqualTo(1);
            }
            for (String eventId : graceful) {
                for (String path : SUBSCRIBED) {
                    assertThat(receiver.received(path, eventId)).isTrue();
                }
            }
            assertThat(receiver.overlaps()).as("concurrent double sends").isEmpty();
            report(
                    "total: %d events, %d deliveries, %d requests, %d duplicated deliveries, %d overlaps",
                    EVENTS + GRACEFUL_EVENTS,
                    receiver.deliveriesReceived(),
                    receiver.requests(),
                    receiver.duplicated().size(),
                    receiver.overlaps().size());
        }
    }

    /** Kills node B (SIGKILL), notes the leases it held, starts its replacement. */
    private final class Crash {
        volatile List<String> stranded = List.of();
        volatile long killedAtMillis;
        volatile long restartSeconds;

        void killAndRestart(ServiceNodeProcess b, List<ServiceNodeProcess> live) throws SQLException {
            live.remove(b);
            killedAtMillis = System.currentTimeMillis();
            long killed = System.nanoTime();
            b.kill();
            stranded = leasesOf("node-b-1");
            report("SIGKILLed node B (pid %d) mid-run holding %d leases", b.pid(), stranded.size());
            ServiceNodeProcess replacement = node("node-b-2").awaitReady(READY);
            restartSeconds = secondsSince(killed);
            live.add(replacement);
        }
    }

    private ServiceNodeProcess node(String name) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("WEBHOOKS_NODE_ID", name);
        ServiceNodeProcess node = ServiceNodeProcess.start(
                name,
                env,
                List.of(
                        "--webhooks.delivery.timeout=" + TIMEOUT.toSeconds() + "s",
                        "--webhooks.delivery.lease-duration=" + LEASE.toSeconds() + "s",
                        "--webhooks.store.max-pool-size=10"));
        started.add(node);
        return node;
    }

    /**
     * Publishes events until all are accepted, each under an Idempotency-Key, so a publish whose node
     * died mid-request is simply sent again to another node without creating a second event.
     */
    private Void publishUntilDone(
            AtomicInteger next, Map<Integer, String> accepted, List<ServiceNodeProcess> live, String accountId) {
        for (int i = next.getAndIncrement(); i < EVENTS; i = next.getAndIncrement()) {
            String body = "{\"account_id\":\"" + accountId + "\",\"type\":\"test.submitted\",\"data\":"
                    + EventExamples.testSubmitted(i) + "}";
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (int attempt = 0; !accepted.containsKey(i); attempt++) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("event " + i + " was never accepted");
                }
                List<ServiceNodeProcess> nodes = List.copyOf(live);
                ServiceNodeProcess target = nodes.get((i + attempt) % nodes.size());
                try {
                    ApiClient.Answer answer = target.api()
                            .send("POST", "/api/v1/events", ADMIN_KEY, body, Map.of("Idempotency-Key", "load-" + i));
                    if (answer.status() == 202) {
                        accepted.put(i, answer.text("id"));
                    }
                } catch (UncheckedIOException nodeGone) {
                    sleep(50);
                }
            }
        }
        return null;
    }

    private static void awaitAccepted(Map<Integer, String> accepted, int count) {
        while (accepted.size() < count) {
            sleep(10);
        }
    }

    private static void awaitPairs(DeliveryRecordingReceiver receiver, int pairs, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (receiver.pairsReceived() < pairs) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Only " + receiver.pairsReceived() + " of " + pairs
                        + " (event, endpoint) pairs" + " arrived within " + bound);
            }
            sleep(100);
        }
    }

    private static void awaitAllSucceeded(int deliveries) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count("SELECT COUNT(*) FROM deliveries WHERE status = 'succeeded'") < deliveries) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Deliveries not all recorded as succeeded: "
                        + count("SELECT COUNT(*) FROM deliveries WHERE status = 'succeeded'") + " of " + deliveries);
            }
            sleep(100);
        }
        assertThat(count("SELECT COUNT(*) FROM deliveries")).isEqualTo(deliveries);
    }

    /** Waits (bounded; then goes ahead anyway) until {@code owner} holds at least {@code count} leases. */
    private static void awaitLeases(String owner, int count, Duration bound) throws SQLException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (leasesOf(owner).size() < count && System.nanoTime() < deadline) {
            sleep(2);
        }
    }

    private static List<String> awaitLeasesOf(String owner, Duration bound) throws SQLException {
        long deadline = System.nanoTime() + bound.toNanos();
        List<String> leases;
        while ((leases = leasesOf(owner)).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(owner + " never took a lease");
            }
            sleep(20);
        }
        return leases;
    }

    private static List<String> leasesOf(String owner) throws SQLException {
        try (Connection db = database.connect();
                PreparedStatement query =
                        db.prepareStatement("SELECT id FROM deliveries WHERE lease_owner = ? AND status = 'pending'")) {
            query.setString(1, owner);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    private static long maxLastAttemptAt(List<String> deliveries) throws SQLException {
        if (deliveries.isEmpty()) {
            return 0;
        }
        try (Connection db = database.connect();
                PreparedStatement query =
                        db.prepareStatement("SELECT MAX(last_attempt_at) FROM deliveries WHERE id = ANY (?)")) {
            query.setArray(1, db.createArrayOf("text", deliveries.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Flyway ran each migration exactly once although three nodes raced to run them. */
    private static void assertMigratedOnce() throws Exception {
        Path folder = Path.of(
                MultiNodeIT.class.getResource("/db/migration/postgresql").toURI());
        long files;
        try (Stream<Path> migrations = Files.list(folder)) {
            files = migrations.filter(p -> p.toString().endsWith(".sql")).count();
        }
        assertThat(count("SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL"))
                .isEqualTo(files);
        assertThat(count("SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success"))
                .isZero();
        report("migrations: %d applied once each, none failed", files);
    }

    private static long count(String sql) throws SQLException {
        try (Connection db = database.connect();
                ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long secondsSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toSeconds();
    }

    private static void report(String format, Object... args) {
        System.out.printf("MULTI-NODE: " + format + "%n", args);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

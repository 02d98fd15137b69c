package app.smartcomply.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.store.PostgresUrl;
import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryRecordingReceiver;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import app.smartcomply.webhooks.testkit.ServiceNodeProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database goes away for {@value #OUTAGE_SECONDS} s under load — the real server, stopped with
 * {@code pg_ctlcluster … stop} and started again — while two nodes (separate JVMs) take publishes
 * and send deliveries.
 *
 * <p>What must hold: meanwhile the API answers 503 {@code service_unavailable} problems, quickly
 * (no hangs, no 500s), for the platform's publishes and for customers' calls alike; readiness goes
 * DOWN and liveness stays UP; afterwards the nodes recover by themselves and every event accepted
 * with 202 reaches every subscribed endpoint, with no delivery ever sent twice at once.
 *
 * <p>Stopping the server affects everything on it, so this runs only where the test may do that:
 * under {@code CI=true} (CI runs the tests one at a time, as root, on its own server) or when asked
 * with {@code -Dwebhooks.it.outage=true}; and only on a local cluster that {@code pg_ctlcluster}
 * manages. The server is started again in any case.
 */
class DatabaseOutageIT {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("outage");

    private static final String ADMIN_KEY = "sc_admin_outage_0123456789abcdef";
    private static final int OUTAGE_SECONDS = 20;
    private static final List<String> SUBSCRIBED = List.of("/one", "/two");

    private final List<ServiceNodeProcess> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopNodes() {
        started.forEach(ServiceNodeProcess::close);
    }

    @Test
    void theApiAnswers503DuringAnOutageAndNothingAcceptedIsLost() throws Exception {
        Cluster cluster = controllableCluster();
        Map<String, String> env = ServiceNodeProcess.clusterEnvironment(
                database.url(), ADMIN_KEY, Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));
        try (DeliveryRecordingReceiver receiver = DeliveryRecordingReceiver.start(Duration.ofMillis(20))) {
            ServiceNodeProcess a = node("outage-a", env);
            ServiceNodeProcess b = node("outage-b", env);
            a.awaitReady(Duration.ofSeconds(150));
            b.awaitReady(Duration.ofSeconds(150));
            ApiClient.Answer account = a.api().createAccount(ADMIN_KEY, "Outage");
            String key = account.text("api_key");
            for (String path : SUBSCRIBED) {
                a.api().createEndpoint(key, receiver.url(path), "test.submitted");
            }

            Load load = new Load(List.of(a, b), account.text("id"), key);
            ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> running = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                running.add(clients.submit(load::publishUntilStopped));
            }
            running.add(clients.submit(load::readUntilStopped));
            Thread.sleep(5_000);
            int acceptedBefore = load.accepted.size();

            long stoppedAt = System.nanoTime();
            long downSince;
            long downUntil;
            List<Integer> readinessDuring;
            List<Integer> livenessDuring;
            try {
                cluster.stop();
                // A publish committed just before the server went down may still be answering: margin.
                downSince = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                report("PostgreSQL stopped under load (%d events accepted so far)", acceptedBefore);
                Thread.sleep(OUTAGE_SECONDS * 1000L / 2);
                readinessDuring = List.of(a.readiness(), b.readiness());
                livenessDuring = List.of(a.liveness(), b.liveness());
                Thread.sleep(Math.max(
                        0,
                        OUTAGE_SECONDS * 1000L
                                - Duration.ofNanos(System.nanoTime() - stoppedAt)
                                        .toMillis()));
            } finally {
                downUntil = System.nanoTime();
                cluster.start();
            }
            long restartedAt = System.nanoTime();
            int acceptedDuringOutage = load.acceptedSince(downSince, downUntil);
            report(
                    "PostgreSQL started again after %d s; readiness during the outage %s, liveness %s",
                    Duration.ofNanos(restartedAt - stoppedAt).toSeconds(), readinessDuring, livenessDuring);

            long firstAcceptAfter = load.awaitAcceptedAfter(restartedAt, Duration.ofSeconds(60));
            long readyAgain = awaitReady(List.of(a, b), Duration.ofSeconds(60));
            Thread.sleep(5_000);
            load.stop();
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            clients.close();

            awaitDelivered(receiver, load.accepted.values(), Duration.ofSeconds(120));
            long sendingAgainAfter = Duration.ofNanos(receiver.firstArrivalAfter(restartedAt) - restartedAt)
                    .toMillis();
            report(
                    "%d events accepted in all (%d while the database was down); %d publishes and %d customer reads"
                            + " answered 503, slowest 503 after %d ms; %d other failures",
                    load.accepted.size(),
                    acceptedDuringOutage,
                    load.publish503.get(),
                    load.read503.get(),
                    load.slowest503Millis.get(),
                    load.unexpected.size());
            report(
                    "recovery: first 202 %d ms after the restart, first delivery sent %d ms after it, both nodes ready"
                            + " again after %d ms; every accepted event delivered: %d requests for %d deliveries, %d duplicated,"
                            + " %d overlaps",
                    (firstAcceptAfter - restartedAt) / 1_000_000,
                    sendingAgainAfter,
                    (readyAgain - restartedAt) / 1_000_000,
                    receiver.requests(),
                    receiver.deliveriesReceived(),
                    receiver.duplicated().size(),
                    receiver.overlaps().size());

            assertThat(load.unexpected)
                    .as("answers other than 202/200/503-problem")
                    .isEmpty();
            assertThat(load.publish503.get())
                    .as("publishes refused while the database was down")
                    .isPositive();
            assertThat(load.read503.get())
                    .as("customer reads refused while the database was down")
                    .isPositive();
            assertThat(load.slowest503Millis.get())
                    .as("a 503 comes quickly, not after a hang")
                    .isLessThan(15_000);
            assertThat(acceptedDuringOutage)
                    .as("nothing accepted without a database")
                    .isZero();
            assertThat(readinessDuring).containsOnly(503);
            assertThat(livenessDuring).containsOnly(200);
            assertThat(receiver.overlaps()).isEmpty();
        }
    }

    /** Publishing and reading clients that keep going through the outage and record every answer. */
    private static final class Load {
        final List<ServiceNodeProcess> nodes;
        final String accountId;
        final String customerKey;
        final Map<Integer, String> accepted = new ConcurrentHashMap<>();
        final Map<Integer, Long> acceptedAt = new ConcurrentHashMap<>();
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger publish503 = new AtomicInteger();
        final AtomicInteger read503 = new AtomicInteger();
        final AtomicLong slowest503Millis = new AtomicLong();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        final AtomicBoolean stopped = new AtomicBoolean();

        Load(List<ServiceNodeProcess> nodes, String accountId, String customerKey) {
            this.nodes = nodes;
            this.accountId = accountId;
            this.customerKey = customerKey;
        }

        /** Each event is published until accepted, always under the same Idempotency-Key. */
        Void publishUntilStopped() {
            while (!stopped.get()) {
                int i = next.getAndIncrement();
                String body = "{\"account_id\":\"" + accountId + "\",\"type\":\"test.submitted\",\"data\":"
                        + EventExamples.testSubmitted(i) + "}";
                for (int attempt = 0; !accepted.containsKey(i); attempt++) {
                    ServiceNodeProcess node = nodes.get((i + attempt) % nodes.size());
                    long started = System.nanoTime();
                    ApiClient.Answer answer = send(node, "POST", "/api/v1/events", ADMIN_KEY, body, "outage-" + i);
                    if (answer == null) {
                        continue;
                    }
                    if (answer.status() == 202) {
                        accepted.put(i, answer.text("id"));
                        acceptedAt.put(i, System.nanoTime());
                    } else if (isUnavailableProblem(answer)) {
                        publish503.incrementAndGet();
                        slowest503Millis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                        pause(250);
                    } else {
                        unexpected.add("publish: " + answer.status() + " " + answer.body());
                        pause(250);
                    }
                }
                pause(20);
            }
            return null;
        }

        /** A customer reading their endpoints: authenticated by a key lookup in the database. */
        Void readUntilStopped() {
            for (int i = 0; !stopped.get(); i++) {
                long started = System.nanoTime();
                ApiClient.Answer answer =
                        send(nodes.get(i % nodes.size()), "GET", "/api/v1/webhooks/endpoints", customerKey, null, null);
                if (answer != null && answer.status() != 200) {
                    if (isUnavailableProblem(answer)) {
                        read503.incrementAndGet();
                        slowest503Millis.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                    } else {
                        unexpected.add("read: " + answer.status() + " " + answer.body());
                    }
                }
                pause(200);
            }
            return null;
        }

        private ApiClient.Answer send(
                ServiceNodeProcess node, String method, String path, String bearer, String body, String key) {
            try {
                return node.api()
                        .send(method, path, bearer, body, key == null ? Map.of() : Map.of("Idempotency-Key", key));
            } catch (UncheckedIOException e) {
                unexpected.add(method + " " + path + ": no answer (" + e.getCause() + ")");
                return null;
            }
        }

        private static boolean isUnavailableProblem(ApiClient.Answer answer) {
            return answer.status() == 503
                    && String.valueOf(answer.header("Content-Type")).startsWith("application/problem+json")
                    && "service_unavailable".equals(answer.text("code"))
                    && answer.header("Retry-After") != null;
        }

        int acceptedSince(long from, long to) {
            return (int)
                    acceptedAt.values().stream().filter(t -> t > from && t < to).count();
        }

        long awaitAcceptedAfter(long instant, Duration bound) {
            long deadline = System.nanoTime() + bound.toNanos();
            while (System.nanoTime() < deadline) {
                var first =
                        acceptedAt.values().stream().filter(t -> t > instant).min(Long::compare);
                if (first.isPresent()) {
                    return first.get();
                }
                pause(20);
            }
            throw new AssertionError("No publish accepted within " + bound + " after the database came back");
        }

        void stop() {
            stopped.set(true);
        }
    }

    private static long awaitReady(List<ServiceNodeProcess> nodes, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (nodes.stream().anyMatch(n -> n.readiness() != 200)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Nodes not ready again within " + bound);
            }
            pause(100);
        }
        return System.nanoTime();
    }

    private static void awaitDelivered(
            DeliveryRecordingReceiver receiver, java.util.Collection<String> events, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            long missing = events.stream()
                    .flatMap(id -> SUBSCRIBED.stream().filter(path -> !receiver.received(path, id)))
                    .count();
            if (missing == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(missing + " accepted (event, endpoint) pairs never delivered");
            }
            pause(200);
        }
    }

    private ServiceNodeProcess node(String name, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("WEBHOOKS_NODE_ID", name);
        ServiceNodeProcess node = ServiceNodeProcess.start(name, env, List.of("--webhooks.store.max-pool-size=8"));
        started.add(node);
        return node;
    }

    /** The pg_ctlcluster cluster serving the test database, if this test may stop it. */
    private static Cluster controllableCluster() throws Exception {
        boolean asked = Boolean.getBoolean("webhooks.it.outage") || "true".equalsIgnoreCase(System.getenv("CI"));
        Assumptions.assumeTrue(
                asked, "stops the PostgreSQL server: runs under CI=true or with -Dwebhooks.it.outage=true");
        URI server = URI.create(PostgresUrl.parse(database.url()).jdbcUrl().substring("jdbc:".length()));
        String host = server.getHost();
        boolean local = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
        String clusters = local ? run(Duration.ofSeconds(20), "pg_lsclusters", "--no-header") : "";
        for (String line : clusters.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 3 && columns[2].equals(Integer.toString(server.getPort()))) {
                return new Cluster(columns[0], columns[1]);
            }
        }
        String why = "no pg_ctlcluster cluster on this machine serves " + host + ":" + server.getPort();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("Database outage test cannot run under CI: " + why);
        }
        Assumptions.abort(why);
        return null;
    }

    private record Cluster(String version, String name) {
        void stop() throws Exception {
            run(Duration.ofSeconds(60), "pg_ctlcluster", version, name, "stop", "-m", "fast");
        }

        void start() throws Exception {
            run(Duration.ofSeconds(60), "pg_ctlcluster", version, name, "start");
        }
    }

    private static String run(Duration bound, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + bound);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
        return output;
    }

    private static void report(String format, Object... args) {
        System.out.printf("DB-OUTAGE: " + format + "%n", args);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.ServiceProcess;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * At least once across process death: "SIGKILL the service process while deliveries
 * are in flight, restart it; every accepted event reaches every subscribed endpoint." And a
 * graceful stop (SIGTERM) lets the attempts in flight finish — cutting off the ones that hang at
 * the send timeout — records them all, and loses nothing either.
 *
 * <p>The packaged jar runs as a separate process on a SQLite data directory, with real receivers
 * on loopback as endpoints: two quick ones, a slow one (2 s per answer) and — for the graceful
 * stop — one that hangs until the test lets it go, so that many deliveries are in flight when the
 * signal comes.
 */
class CrashRecoveryIT {

    private static final String ADMIN_KEY = "sc_admin_it_5f0c9d2b7e4a41c8";
    private static final int PUBLISHERS = 6;
    /**
     * At 32 in flight per endpoint the slow receiver takes 16 deliveries a second — slower than the
     * events are published, so a backlog is certainly in flight when the signal comes.
     */
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(2);

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    /** What a graceful stop may take beyond the send timeout: finishing up and closing down. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(15);
    /** Bounds a hang, not a speed. */
    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(90);

    /** Kept when a test fails: the service logs (data-*.log) are next to the data directory. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path temp;

    @Test
    void sigkillWhileDeliveriesAreInFlightLosesNoAcceptedEvent() throws Exception {
        Path data = temp.resolve("data");
        try (Receivers receivers = new Receivers(false)) {
            List<String> eventIds;
            int inFlightAtKill;
            long publishMs;
            try (ServiceProcess first = ServiceProcess.start(data, ADMIN_KEY, "first")) {
                Account account = receivers.subscribe(first.api());
                long start = System.nanoTime();
                eventIds = publish(first.api(), account.id(), 300);
                publishMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                receivers.awaitInFlight(receivers.slowInFlight);
                inFlightAtKill = receivers.inFlight();
                first.kill();
            }
            assertThat(inFlightAtKill)
                    .as("requests in flight at SIGKILL (the premise)")
                    .isPositive();
            int missingAtKill = receivers.missing(eventIds);

            long restart = System.nanoTime();
            try (ServiceProcess second = ServiceProcess.start(data, ADMIN_KEY, "after-kill")) {
                long startupMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restart);
                long healthy = System.nanoTime();
                receivers.awaitEveryEventAtEveryEndpoint(eventIds, second);
                long completeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healthy);
                awaitAllSucceeded(second.api(), receivers.account.apiKey(), receivers.pairs(eventIds), second);
                assertThat(second.logText()).contains("Resuming");
                System.out.printf(
                        "Crash (SIGKILL): %d events x %d endpoints published in %d ms; %d requests in flight at kill,"
                                + " %d pairs not yet received; restart took %d ms, then all %d pairs arrived within %d ms;"
                                + " %d attempt(s) sent again because their outcome died with the process,"
                                + " %d request(s) beyond the first per pair in all%n",
                        eventIds.size(),
                        receivers.all().size(),
                        publishMs,
                        inFlightAtKill,
                        missingAtKill,
                        startupMs,
                        receivers.pairs(eventIds),
                        completeMs,
                        receivers.resentAttempts(),
                        receivers.repeats(eventIds));
            }
        }
    }

    @Test
    void sigtermLetsAttemptsInFlightFinishAndLosesNothing() throws Exception {
        Path data = temp.resolve("data");
        try (Receivers receivers = new Receivers(true)) {
            List<String> eventIds;
            Duration stopTook;
            int inFlightAtTerm;
            try (ServiceProcess first = ServiceProcess.start(data, ADMIN_KEY, "first")) {
                Account account = receivers.subscribe(first.api());
                eventIds = publish(first.api(), account.id(), 60);
                receivers.awaitInFlight(receivers.hangingInFlight);
                inFlightAtTerm = receivers.inFlight();
                stopTook = first.terminate(SEND_TIMEOUT.plus(STOP_MARGIN));
                assertThat(first.logText()).contains("Delivery engine stopped");
            }
            Set<String> hungBeforeStop = receivers.eventsAt(receivers.hanging);
            assertThat(hungBeforeStop)
                    .as("attempts hanging at SIGTERM (the premise)")
                    .isNotEmpty();
            int receivedBeforeRestart = receivers.total();
            receivers.stopHanging();

            try (ServiceProcess second = ServiceProcess.start(data, ADMIN_KEY, "after-term")) {
                receivers.awaitEveryEventAtEveryEndpoint(eventIds, second);
                awaitAllSucceeded(second.api(), receivers.account.apiKey(), receivers.pairs(eventIds), second);
                System.out.printf(
                        "Graceful stop (SIGTERM): %d requests in flight (%d events hanging); exited in %d ms; %d of %d pairs"
                                + " received before restart; %d attempt(s) sent again, %d request(s) beyond the first per pair%n",
                        inFlightAtTerm,
                        hungBeforeStop.size(),
                        stopTook.toMillis(),
                        receivedBeforeRestart,
                        receivers.pairs(eventIds),
                        receivers.resentAttempts(),
                        receivers.repeats(eventIds));

                // Every attempt in flight was finished and recorded before the process exited: none is
                // sent again under the same attempt number.
                assertThat(receivers.resentAttempts()).isZero();
                for (TestReceiver quick : List.of(receivers.fastA, receivers.fastB, receivers.slow)) {
                    assertThat(quick.received()).hasSize(eventIds.size());
                }
                // The hanging ones were cut off at the send timeout and recorded as failed attempts; each
                // was retried under the next attempt number, and the last one went through.
                Map<String, List<Integer>> attemptsPerEvent = receivers.hanging.received().stream()
                        .collect(Collectors.groupingBy(
                                r -> r.header("X-SmartComply-Event-Id"),
                                Collectors.mapping(
                                        r -> Integer.parseInt(r.header("X-SmartComply-Attempt")),
                                        Collectors.toList())));
                attemptsPerEvent.forEach((event, attempts) -> {
                    assertThat(attempts)
                            .as("attempts of %s at the hanging endpoint", event)
                            .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, attempts.size())
                                    .boxed()
                                    .toList());
                    if (hungBeforeStop.contains(event)) {
                        assertThat(attempts)
                                .as("attempts of %s, which hung at the stop", event)
                                .hasSizeGreaterThan(1);
                    }
                });
            }
        }
    }

    /** Publishes {@code count} events from a few client threads at once; every one answered 202. */
    private static List<String> publish(ApiClient api, String accountId, int count) throws Exception {
        try (ExecutorService clients = Executors.newFixedThreadPool(PUBLISHERS)) {
            List<Future<String>> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int n = i;
                ids.add(clients.submit(
                        () -> api.publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(n))
                                .text("id")));
            }
            List<String> accepted = new ArrayList<>(count);
            for (Future<String> id : ids) {
                accepted.add(id.get());
            }
            return accepted;
        }
    }

    /** Waits until the delivery log shows every delivery succeeded (its records caught up). */
    private static void awaitAllSucceeded(ApiClient api, String apiKey, int expected, ServiceProcess service)
            throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_BOUND.toNanos();
        Map<String, Integer> byStatus;
        while (true) {
            byStatus = countByStatus(api, apiKey);
            if (byStatus.getOrDefault("succeeded", 0) == expected) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Deliveries by status: " + byStatus + "; threads: " + service.threadDump()
                        + "\n" + service.logTail(40));
            }
            Thread.sleep(200);
        }
        assertThat(byStatus).containsOnlyKeys("succeeded");
    }

    private static Map<String, Integer> countByStatus(ApiClient api, String apiKey) {
        Map<String, Integer> counts = new HashMap<>();
        String after = null;
        while (true) {
            JsonNode page = ApiClient.expect(
                            200,
                            api.get(
                                    "/api/v1/webhooks/deliveries?limit=100"
                                            + (after == null ? "" : "&starting_after=" + after),
                                    apiKey))
                    .json();
            for (JsonNode delivery : page.get("data")) {
                counts.merge(delivery.get("status").asString(), 1, Integer::sum);
                after = delivery.get("id").asString();
            }
            if (!page.get("has_more").asBoolean()) {
                return counts;
            }
        }
    }

    private record Account(String id, String apiKey) {}

    /** The receivers, each an endpoint subscribed to test.submitted; the hanging one only if asked. */
    private static final class Receivers implements AutoCloseable {
        final AtomicInteger slowInFlight = new AtomicInteger();
        final AtomicInteger hangingInFlight = new AtomicInteger();
        final CountDownLatch hangingReleased = new CountDownLatch(1);
        final TestReceiver fastA = TestReceiver.start();
        final TestReceiver fastB = TestReceiver.start();
        final TestReceiver slow = TestReceiver.start().answering(request -> {
            slowInFlight.incrementAndGet();
            try {
                Thread.sleep(SLOW_ANSWER);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                slowInFlight.decrementAndGet();
            }
            return Reply.ok();
        });
        final TestReceiver hanging = TestReceiver.start().answering(request -> {
            hangingInFlight.incrementAndGet();
            try {
                hangingReleased.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                hangingInFlight.decrementAndGet();
            }
            return Reply.ok();
        });
        final boolean withHanging;
        Account account;

        Receivers(boolean withHanging) {
            this.withHanging = withHanging;
        }

        Account subscribe(ApiClient api) {
            ApiClient.Answer created = api.createAccount(ADMIN_KEY, "Crash Co");
            for (TestReceiver receiver : all()) {
                api.createEndpoint(created.text("api_key"), receiver.url(), "test.submitted");
            }
            account = new Account(created.text("id"), created.text("api_key"));
            return account;
        }

        List<TestReceiver> all() {
            return withHanging ? List.of(fastA, fastB, slow, hanging) : List.of(fastA, fastB, slow);
        }

        int pairs(List<String> eventIds) {
            return eventIds.size() * all().size();
        }

        /** Requests the receivers have taken and not answered yet. */
        int inFlight() {
            return slowInFlight.get() + hangingInFlight.get();
        }

        /** Waits (bounded) until the receiver behind {@code counter} holds a request open. */
        void awaitInFlight(AtomicInteger counter) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (counter.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        /** From now on the hanging receiver answers at once, and those waiting are let go. */
        void stopHanging() {
            hangingReleased.countDown();
        }

        int total() {
            return all().stream().mapToInt(r -> r.received().size()).sum();
        }

        Set<String> eventsAt(TestReceiver receiver) {
            return receiver.received().stream()
                    .map(r -> r.header("X-SmartComply-Event-Id"))
                    .collect(Collectors.toSet());
        }

        void awaitEveryEventAtEveryEndpoint(List<String> eventIds, ServiceProcess service) throws InterruptedException {
            long deadline = System.nanoTime() + DELIVERY_BOUND.toNanos();
            while (missing(eventIds) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(missing(eventIds) + " (event, endpoint) pairs never arrived within "
                            + DELIVERY_BOUND + "; threads: " + service.threadDump() + "\n" + service.logTail(40));
                }
                Thread.sleep(100);
            }
        }

        int missing(List<String> eventIds) {
            int missing = 0;
            for (TestReceiver receiver : all()) {
                Set<String> seen = eventsAt(receiver);
                missing +=
                        (int) eventIds.stream().filter(id -> !seen.contains(id)).count();
            }
            return missing;
        }

        /** Requests beyond the first for each (event, endpoint): resent attempts plus real retries. */
        int repeats(List<String> eventIds) {
            int repeats = 0;
            for (TestReceiver receiver : all()) {
                assertThat(eventsAt(receiver)).containsExactlyInAnyOrderElementsOf(eventIds);
                repeats += receiver.received().size() - eventIds.size();
            }
            return repeats;
        }

        /**
         * Attempts that arrived more than once under the same attempt number: their outcome was never
         * recorded (the process died after sending), so the same attempt was made again.
         */
        int resentAttempts() {
            int resent = 0;
            for (TestReceiver receiver : all()) {
                Map<String, Long> perAttempt = receiver.received().stream()
                        .collect(Collectors.groupingBy(
                                r -> r.header("X-SmartComply-Event-Id") + "#" + r.header("X-SmartComply-Attempt"),
                                Collectors.counting()));
                resent +=
                        (int) perAttempt.values().stream().mapToLong(n -> n - 1).sum();
            }
            return resent;
        }

        @Override
        public void close() {
            stopHanging();
            all().forEach(TestReceiver::close);
        }
    }
}

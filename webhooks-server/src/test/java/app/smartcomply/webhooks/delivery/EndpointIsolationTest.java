package app.smartcomply.webhooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.DeliveryLogApi;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.TestReceiver;
import app.smartcomply.webhooks.testkit.TestReceiver.Reply;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Isolation: "A receiver that takes 10 s does not delay a healthy endpoint's
 * deliveries." Both endpoints live on the same host and port (different paths), as two endpoints
 * of one SaaS receiver would: a shared connection pool limit per host must not couple them either.
 */
class EndpointIsolationTest extends WebhooksAppTest {

    private static final int EVENTS = 100;
    /** Bounds a hang, not a speed: the slow receiver's first attempt times out only after 10 s. */
    private static final Duration HEALTHY_DEADLINE = Duration.ofSeconds(8);

    private static final int BACKLOG = 300;
    private static final Duration BUSY_ANSWER = Duration.ofSeconds(5);

    @Autowired
    DeliveryProperties properties;

    @Test
    void aReceiverThatTakesTenSecondsDoesNotDelayAHealthyEndpoint() throws Exception {
        CountDownLatch endOfTest = new CountDownLatch(1);
        AtomicInteger slowInFlight = new AtomicInteger();
        AtomicInteger slowMostInFlight = new AtomicInteger();
        try (TestReceiver receiver = TestReceiver.start().answering(request -> {
            if (request.path().equals("/slow")) {
                slowMostInFlight.accumulateAndGet(slowInFlight.incrementAndGet(), Math::max);
                try {
                    endOfTest.await(10, TimeUnit.SECONDS); // the service's own 10 s timeout cuts it off
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    slowInFlight.decrementAndGet();
                }
            }
            return Reply.ok();
        })) {
            ApiClient api = api();
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Isolation Co");
            String key = account.text("api_key");
            DeliveryLogApi log = new DeliveryLogApi(api, key);
            String slowId = api.createEndpoint(key, receiver.url("/slow"), "test.submitted")
                    .text("id");
            String healthyId = api.createEndpoint(key, receiver.url("/fast"), "test.submitted")
                    .text("id");

            // Published from a few clients at once, so that publishing itself stays well inside the slow
            // receiver's 10 s; each event's 202 time is kept to measure its delivery latency.
            long start = System.nanoTime();
            Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
            try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
                for (int i = 0; i < EVENTS; i++) {
                    int n = i;
                    clients.execute(() -> acceptedAt.put(
                            api.publish(ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(n))
                                    .text("id"),
                            System.nanoTime()));
                }
            }
            assertThat(acceptedAt).hasSize(EVENTS);
            long deadline = System.nanoTime() + HEALTHY_DEADLINE.toNanos();
            while (countOn(receiver, "/fast") < EVENTS && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long healthyDoneMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(countOn(receiver, "/fast"))
                    .as("healthy endpoint's deliveries")
                    .isEqualTo(EVENTS);
            long worstLatencyMs = receiver.received().stream()
                    .filter(r -> r.path().equals("/fast"))
                    .mapToLong(r -> r.arrivedAtNanos() - acceptedAt.get(r.header("X-SmartComply-Event-Id")))
                    .map(TimeUnit.NANOSECONDS::toMillis)
                    .max()
                    .orElseThrow();
            assertThat(worstLatencyMs)
                    .as("longest wait from 202 to arrival at the healthy endpoint (ms)")
                    .isLessThan(HEALTHY_DEADLINE.toMillis());
            // Received, and recorded as succeeded (the last few records may trail the receiver by a moment).
            while (succeeded(log, healthyId) < EVENTS && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(succeeded(log, healthyId)).isEqualTo(EVENTS);

            // The slow endpoint has not finished a single attempt yet: the healthy one did not wait for it.
            assertThat(log.search("endpoint_id=" + slowId + "&status=pending"))
                    .allSatisfy(d -> assertThat(d.get("attempt_count").asInt()).isZero())
                    .hasSize(EVENTS);
            assertThat(slowMostInFlight.get())
                    .as("attempts in flight to the slow endpoint at once")
                    .isBetween(1, properties.maxInFlightPerEndpoint());
            assertThat(countOn(receiver, "/slow")).isLessThanOrEqualTo(properties.maxInFlightPerEndpoint());
            System.out.printf(
                    "Isolation: healthy endpoint got all %d deliveries %d ms after the first publish (worst latency %d ms);"
                            + " slow endpoint peaked at %d in flight%n",
                    EVENTS, healthyDoneMs, worstLatencyMs, slowMostInFlight.get());
        } finally {
            endOfTest.countDown();
        }
    }

    /**
     * A busy endpoint (slow but answering, with hundreds of deliveries due) must not hold back a
     * newcomer's deliveries until its backlog has drained: the newcomer's events go out while the
     * busy endpoint still has most of its backlog waiting.
     */
    @Test
    void aBusyEndpointsBacklogDoesNotHoldBackAnotherEndpoint() throws Exception {
        CountDownLatch endOfTest = new CountDownLatch(1);
        try (TestReceiver receiver = TestReceiver.start().answering(request -> {
            if (request.path().equals("/busy")) {
                try {
                    endOfTest.await(BUSY_ANSWER.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Reply.ok();
        })) {
            ApiClient api = api();
            ApiClient.Answer account = api.createAccount(ADMIN_KEY, "Backlog Co");
            String key = account.text("api_key");
            String busyId = api.createEndpoint(key, receiver.url("/busy"), "test.submitted")
                    .text("id");
            api.createEndpoint(key, receiver.url("/other"), "notice.created");
            JsonNode catalog = ApiClient.expect(200, api.get("/api/v1/webhooks/event-types", key))
                    .json();
            String noticeData = StreamSupport.stream(catalog.get("data").spliterator(), false)
                    .filter(type -> type.get("name").asString().equals("notice.created"))
                    .findFirst()
                    .orElseThrow()
                    .get("example")
                    .toString();

            try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
                for (int i = 0; i < BACKLOG; i++) {
                    int n = i;
                    clients.execute(() -> api.publish(
                            ADMIN_KEY, account.text("id"), "test.submitted", EventExamples.testSubmitted(n)));
                }
            }
            for (int i = 0; i < 10; i++) {
                api.publish(ADMIN_KEY, account.text("id"), "notice.created", noticeData);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (countOn(receiver, "/other") < 10 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long busyStillWaiting = BACKLOG - countOn(receiver, "/busy");

            assertThat(countOn(receiver, "/other")).isEqualTo(10);
            System.out.printf(
                    "Backlog: the other endpoint got its 10 deliveries while the busy one still had %d of %d"
                            + " waiting%n",
                    busyStillWaiting, BACKLOG);
            // At 32 in flight and 5 s per answer the busy endpoint takes ~6 deliveries a second; had the
            // newcomer waited for the backlog to drain, far fewer would still be waiting.
            assertThat(busyStillWaiting).isGreaterThan(BACKLOG / 2);
            ApiClient.expect(204, api.delete("/api/v1/webhooks/endpoints/" + busyId, key));
        } finally {
            endOfTest.countDown();
        }
    }

    private static int succeeded(DeliveryLogApi log, String endpointId) {
        return log.search("endpoint_id=" + endpointId + "&status=succeeded").size();
    }

    private static long countOn(TestReceiver receiver, String path) {
        return receiver.received().stream().filter(r -> r.path().equals(path)).count();
    }
}

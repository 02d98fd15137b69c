package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Ordered delivery on each engine ({@link DeliveryLines}): of an endpoint with ordering {@code
 * fifo}, only each line's head is ever claimed; the rest wait queued until the head succeeds or
 * dies, and a head's retries hold the line — also when its node dies holding the lease. Unordered
 * endpoints keep sending side by side.
 */
abstract class OrderedDeliveryContractTest extends QueueContractFixture {

    @Test
    void onlyTheHeadIsClaimedAndTheNextIsDueOnlyOnceTheHeadSucceededOrDied() {
        orderedEndpoint(null);
        List<String> events = publish(3);
        List<String> deliveries = events.stream().map(this::deliveryOf).toList();
        assertThat(states(deliveries)).containsExactly("waiting", "queued", "queued");

        ClaimedDelivery head = claimOne("node-a", now);
        assertThat(head.id()).isEqualTo(deliveries.get(0));
        assertThat(head.line()).isEqualTo("");
        // Its retry holds the line: nothing else of the endpoint is claimable meanwhile.
        assertThat(queue.resolve(head, "node-a", failure(now), NextStep.retryAt(now + 5_000), now))
                .isTrue();
        assertThat(queue.claimDue("node-a", now + 4_999, now + LEASE, 10, Set.of()))
                .isEmpty();
        ClaimedDelivery retried = claimOne("node-a", now + 5_000);
        assertThat(retried.id()).isEqualTo(deliveries.get(0));
        assertThat(queue.claimDue("node-a", now + 5_000, now + LEASE, 10, Set.of()))
                .isEmpty();

        queue.resolve(retried, "node-a", success(now + 5_000), NextStep.succeeded(), now + 5_000);
        assertThat(states(deliveries)).containsExactly("succeeded", "waiting", "queued");
        ClaimedDelivery second = claimOne("node-a", now + 5_000);
        assertThat(second.id()).isEqualTo(deliveries.get(1));

        // A dead letter ends its turn too.
        queue.resolve(second, "node-a", failure(now + 5_000), NextStep.dead(), now + 5_000);
        assertThat(states(deliveries)).containsExactly("succeeded", "failed", "waiting");
        assertThat(claimOne("node-a", now + 5_000).id()).isEqualTo(deliveries.get(2));
    }

    @Test
    void aHeadWhoseNodeDiedIsTakenOverAndTheNextWaitsForTheNewOwnersOutcome() {
        orderedEndpoint(null);
        List<String> deliveries = publish(2).stream().map(this::deliveryOf).toList();
        ClaimedDelivery leasedByA = claimOne("node-a", now);
        // node-a dies: it never records. Until its lease runs out nothing of the line is claimable.
        assertThat(queue.claimDue("node-b", now + LEASE, now + 2 * LEASE, 10, Set.of()))
                .isEmpty();
        long takeover = now + LEASE + 1;
        ClaimedDelivery takenByB = claimOne("node-b", takeover);
        assertThat(takenByB.id()).isEqualTo(leasedByA.id());
        assertThat(queue.claimDue("node-b", takeover + 1, takeover + LEASE, 10, Set.of()))
                .as("the second stays queued while node-b's attempt runs")
                .isEmpty();
        assertThat(states(deliveries)).containsExactly("leased", "queued");

        // node-a's outcome, late, moves nothing and promotes nothing.
        assertThat(queue.resolve(leasedByA, "node-a", success(takeover), NextStep.succeeded(), takeover))
                .isFalse();
        assertThat(states(deliveries)).containsExactly("leased", "queued");

        queue.resolve(takenByB, "node-b", success(takeover + 1), NextStep.succeeded(), takeover + 1);
        assertThat(claimOne("node-b", takeover + 1).id()).isEqualTo(deliveries.get(1));
    }

    @Test
    void linesOfDifferentKeysAreSentSideBySideAndUnorderedEndpointsKeepTheirParallelism() {
        orderedEndpoint("test_id");
        String unordered = endpoints(1).getFirst();
        // test_id is the event's number: two lines, 7 and 8, with two deliveries each.
        List<String> events = new ArrayList<>();
        for (int n : List.of(7, 8, 7, 8)) {
            events.add(api().publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(n))
                    .text("id"));
        }
        List<ClaimedDelivery> claimed = queue.claimDue("node-a", now, now + LEASE, 100, Set.of());
        List<String> orderedClaimed = claimed.stream()
                .filter(d -> !d.endpointId().equals(unordered))
                .map(ClaimedDelivery::eventId)
                .toList();
        assertThat(orderedClaimed).containsExactlyInAnyOrder(events.get(0), events.get(1));
        assertThat(claimed.stream().filter(d -> d.endpointId().equals(unordered)))
                .extracting(ClaimedDelivery::eventId)
                .containsExactlyInAnyOrderElementsOf(events);
        assertThat(claimed.stream().filter(d -> d.endpointId().equals(unordered)))
                .allMatch(d -> d.line() == null);
    }

    @Test
    void aDisabledEndpointHoldsOnlyTheHeadAndEnablingItSendsTheLineInOrder() {
        String endpoint = orderedEndpoint(null);
        List<String> deliveries = publish(2).stream().map(this::deliveryOf).toList();
        setStatus(endpoint, "disabled");
        assertThat(states(deliveries)).containsExactly("held", "queued");
        setStatus(endpoint, "active");
        assertThat(states(deliveries)).containsExactly("waiting", "queued");
        assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of()))
                .extracting(ClaimedDelivery::id)
                .containsExactly(deliveries.get(0));
    }

    @Test
    void aHeadEndingWhileItsEndpointIsDisabledMakesTheNextHeldNotDue() {
        String endpoint = orderedEndpoint(null);
        List<String> deliveries = publish(2).stream().map(this::deliveryOf).toList();
        ClaimedDelivery head = claimOne("node-a", now);
        setStatus(endpoint, "disabled");
        queue.resolve(head, "node-a", success(now), NextStep.succeeded(), now);
        assertThat(states(deliveries)).containsExactly("succeeded", "held");
        setStatus(endpoint, "active");
        assertThat(claimOne("node-a", now).id()).isEqualTo(deliveries.get(1));
    }

    @Test
    void switchingOrderingOffSendsWhatWasQueuedAtOnce() {
        String endpoint = orderedEndpoint(null);
        List<String> deliveries = publish(3).stream().map(this::deliveryOf).toList();
        ApiClient.expect(200, api().patch("/api/v1/webhooks/endpoints/" + endpoint, key, "{\"ordering\": \"none\"}"));
        assertThat(states(deliveries)).containsExactly("waiting", "waiting", "waiting");
        assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of())).hasSize(3);
    }

    @Test
    void aRetryByHandNeverJumpsTheLine() {
        String endpoint = orderedEndpoint(null);
        List<String> deliveries = publish(2).stream().map(this::deliveryOf).toList();
        ClaimedDelivery head = claimOne("node-a", now);
        queue.resolve(head, "node-a", failure(now), NextStep.dead(), now);
        // Now the second is the head; the first, retried by hand, goes behind it.
        retry(deliveries.get(0));
        assertThat(states(deliveries)).containsExactly("queued", "waiting");
        // A queued delivery retried by hand stays queued.
        retry(deliveries.get(0));
        assertThat(states(deliveries)).containsExactly("queued", "waiting");

        ClaimedDelivery second = claimOne("node-a", now);
        assertThat(second.id()).isEqualTo(deliveries.get(1));
        queue.resolve(second, "node-a", failure(now), NextStep.dead(), now);
        assertThat(states(deliveries)).containsExactly("waiting", "failed");
        // Recovering the dead letters puts the second behind the first again.
        ApiClient.expect(
                202,
                api().post(
                                "/api/v1/webhooks/endpoints/" + endpoint + "/recover",
                                key,
                                "{\"since\": \"2000-01-01T00:00:00Z\"}"));
        assertThat(states(deliveries)).containsExactly("waiting", "queued");
    }

    /**
     * Publishes racing on one line (on PostgreSQL each in its own transaction on its own
     * connection) still leave it one head: each takes the line's lock before it looks at the line.
     * Drained one by one, the line goes in the order its places were given.
     */
    @Test
    void concurrentPublishesLeaveALineExactlyOneHead() throws Exception {
        String endpoint = orderedEndpoint(null);
        int threads = 8;
        int each = 4;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<List<String>>> publishers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                publishers.add(pool.submit(() -> {
                    start.await();
                    return publish(each);
                }));
            }
            start.countDown();
            for (var publisher : publishers) {
                publisher.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> inLineOrder = jdbc.sql("SELECT id FROM deliveries WHERE endpoint_id = ? ORDER BY line_seq")
                .param(endpoint)
                .query(String.class)
                .list();
        assertThat(inLineOrder).hasSize(threads * each);
        assertThat(states(inLineOrder).stream().filter(state -> !state.equals("queued")))
                .as("one head")
                .hasSize(1);
        List<String> drained = new ArrayList<>();
        for (int i = 0; i < inLineOrder.size(); i++) {
            ClaimedDelivery head = claimOne("node-a", now);
            drained.add(head.id());
            queue.resolve(head, "node-a", success(now), NextStep.succeeded(), now);
        }
        assertThat(drained).isEqualTo(inLineOrder);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery_lines WHERE endpoint_id = ?")
                        .param(endpoint)
                        .query(Long.class)
                        .single())
                .as("an empty line's row is gone")
                .isZero();
    }

    // --- helpers ---------------------------------------------------------------------------------

    private String orderedEndpoint(String orderingKey) {
        String body =
                "{\"url\": \"http://127.0.0.1:9/ordered\", \"events\": [\"test.submitted\"], \"ordering\": \"fifo\""
                        + (orderingKey == null ? "" : ", \"ordering_key\": \"" + orderingKey + "\"") + "}";
        return ApiClient.expect(201, api().post("/api/v1/webhooks/endpoints", key, body))
                .text("id");
    }

    private ClaimedDelivery claimOne(String owner, long at) {
        List<ClaimedDelivery> claimed = queue.claimDue(owner, at, at + LEASE, 10, Set.of());
        assertThat(claimed).hasSize(1);
        return claimed.getFirst();
    }

    private List<String> states(List<String> deliveryIds) {
        return deliveryIds.stream()
                .map(id -> (String) deliveryRow(id).get("state"))
                .toList();
    }

    private void setStatus(String endpointId, String status) {
        ApiClient.expect(
                200, api().patch("/api/v1/webhooks/endpoints/" + endpointId, key, "{\"status\": \"" + status + "\"}"));
    }

    private void retry(String deliveryId) {
        ApiClient.expect(202, api().post("/api/v1/webhooks/deliveries/" + deliveryId + "/retry", key, "{}"));
    }
}

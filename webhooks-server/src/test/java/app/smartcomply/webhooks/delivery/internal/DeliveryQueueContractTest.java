package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The {@link DeliveryQueue} contract on leases and outcomes, straight against the store of each
 * engine: a lease is exclusive while live, runs out, is given back; an outcome only moves a delivery
 * whose lease its writer still holds; group commit records every concurrent outcome.
 */
abstract class DeliveryQueueContractTest extends QueueContractFixture {

    @Test
    void aLiveLeaseBelongsToOneOwner() {
        endpoints(3);
        publish(1);
        List<ClaimedDelivery> first = queue.claimDue("node-a", now, now + LEASE, 10, Set.of());
        assertThat(first).hasSize(3);
        assertThat(first).allSatisfy(d -> {
            assertThat(d.previousAttempts()).isZero();
            assertThat(d.payload()).isNotEmpty();
            assertThat(d.url()).startsWith("http://127.0.0.1:");
        });
        assertThat(queue.claimDue("node-b", now + LEASE - 1, now + 2 * LEASE, 10, Set.of()))
                .isEmpty();
        assertThat(leaseOwners(first)).containsOnly("node-a");
    }

    @Test
    void concurrentClaimersNeverShareALiveLease() throws Exception {
        endpoints(3);
        publish(60); // 180 deliveries
        int claimers = 8;
        Map<String, String> claimedBy = new ConcurrentHashMap<>();
        List<String> doubleClaims = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> counts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(claimers)) {
            for (int i = 0; i < claimers; i++) {
                String owner = "node-" + i;
                counts.add(pool.submit(() -> {
                    start.await();
                    int mine = 0;
                    while (true) {
                        List<ClaimedDelivery> batch = queue.claimDue(owner, now, now + LEASE, 7, Set.of());
                        if (batch.isEmpty()) {
                            return mine;
                        }
                        for (ClaimedDelivery d : batch) {
                            String previous = claimedBy.putIfAbsent(d.id(), owner);
                            if (previous != null) {
                                doubleClaims.add(d.id() + " by " + previous + " and " + owner);
                            }
                        }
                        mine += batch.size();
                    }
                }));
            }
            start.countDown();
        }
        int total = 0;
        for (Future<Integer> count : counts) {
            total += count.get();
        }
        assertThat(doubleClaims).isEmpty();
        assertThat(total).isEqualTo(180);
        assertThat(claimedBy).hasSize(180);
        // The table agrees with what each claimer was told.
        Map<String, String> stored = new HashMap<>();
        jdbc.sql("SELECT id, lease_owner FROM deliveries WHERE account_id = ?")
                .param(accountId)
                .query(rs -> {
                    stored.put(rs.getString(1), rs.getString(2));
                });
        assertThat(stored).isEqualTo(claimedBy);
    }

    @Test
    void anExpiredLeaseCanBeClaimedAgain() {
        endpoints(1);
        publish(1);
        assertThat(queue.claimDue("node-a", now, now + 1_000, 10, Set.of())).hasSize(1);
        assertThat(queue.claimDue("node-b", now + 999, now + 5_000, 10, Set.of()))
                .isEmpty();
        List<ClaimedDelivery> taken = queue.claimDue("node-b", now + 1_001, now + 5_000, 10, Set.of());
        assertThat(taken).hasSize(1);
        assertThat(leaseOwners(taken)).containsOnly("node-b");
    }

    @Test
    void anOutcomeWrittenWithALostLeaseChangesNothing() {
        endpoints(1);
        publish(1);
        ClaimedDelivery byA =
                queue.claimDue("node-a", now, now + 1_000, 10, Set.of()).getFirst();
        ClaimedDelivery byB = queue.claimDue("node-b", now + 2_000, now + 60_000, 10, Set.of())
                .getFirst();
        assertThat(byB.id()).isEqualTo(byA.id());

        boolean applied = queue.resolve(byA, "node-a", success(now + 2_100), NextStep.succeeded(), now + 2_100);

        assertThat(applied).isFalse();
        Map<String, Object> row = deliveryRow(byA.id());
        assertThat(row.get("status")).isEqualTo("pending");
        assertThat(row.get("lease_owner")).isEqualTo("node-b");
        assertThat(((Number) row.get("attempt_count")).intValue()).isZero();
        assertThat(attempts(byA.id()))
                .as("the attempt happened, so it is logged")
                .isEqualTo(1);

        assertThat(queue.resolve(byB, "node-b", success(now + 2_200), NextStep.succeeded(), now + 2_200))
                .isTrue();
        row = deliveryRow(byA.id());
        assertThat(row.get("status")).isEqualTo("succeeded");
        assertThat(row.get("lease_owner")).isNull();
        assertThat(((Number) row.get("attempt_count")).intValue()).isEqualTo(1);
        assertThat(attempts(byA.id())).isEqualTo(2);
    }

    @Test
    void aRetryOutcomeMakesTheDeliveryDueAgainLater() {
        endpoints(1);
        publish(1);
        ClaimedDelivery claimed =
                queue.claimDue("node-a", now, now + LEASE, 10, Set.of()).getFirst();
        assertThat(queue.resolve(claimed, "node-a", failure(now), NextStep.retryAt(now + 5_000), now))
                .isTrue();

        assertThat(queue.claimDue("node-b", now + 4_999, now + LEASE, 10, Set.of()))
                .isEmpty();
        ClaimedDelivery again =
                queue.claimDue("node-b", now + 5_000, now + LEASE, 10, Set.of()).getFirst();
        assertThat(again.id()).isEqualTo(claimed.id());
        assertThat(again.attemptNumber()).isEqualTo(2);
    }

    @Test
    void aLeasedDeliveryIsNotDueUntilItsLeaseRunsOut() {
        endpoints(1);
        publish(1);
        ClaimedDelivery leased =
                queue.claimDue("node-a", now, now + LEASE, 10, Set.of()).getFirst();
        // The due index holds only waiting work: what is in flight is not read past by every claim.
        assertThat(((Number) deliveryRow(leased.id()).get("next_attempt_at")).longValue())
                .isEqualTo(now + LEASE);
        assertThat(queue.claimDue("node-b", now + LEASE - 1, now + 2 * LEASE, 10, Set.of()))
                .isEmpty();
        assertThat(queue.claimDue("node-b", now + LEASE + 1, now + 2 * LEASE, 10, Set.of()))
                .extracting(ClaimedDelivery::id)
                .containsExactly(leased.id());
    }

    @Test
    void releaseGivesBackOnlyTheCallersOwnLeases() {
        endpoints(3);
        publish(1);
        List<ClaimedDelivery> byA = queue.claimDue("node-a", now, now + LEASE, 10, Set.of());
        List<String> ids = byA.stream().map(ClaimedDelivery::id).toList();

        queue.release(ids, "node-b");
        assertThat(queue.claimDue("node-b", now, now + LEASE, 10, Set.of()))
                .as("not B's to give")
                .isEmpty();

        queue.release(ids.subList(0, 1), "node-a");
        assertThat(queue.claimDue("node-b", now, now + LEASE, 10, Set.of()))
                .extracting(ClaimedDelivery::id)
                .containsExactly(ids.getFirst());

        assertThat(queue.releaseAll("node-a")).isEqualTo(2);
        assertThat(queue.claimDue("node-c", now, now + LEASE, 10, Set.of()))
                .extracting(ClaimedDelivery::id)
                .containsExactlyInAnyOrderElementsOf(ids.subList(1, 3));
    }

    @Test
    void aGroupOfOutcomesMovesOnlyTheDeliveriesWhoseLeaseIsStillHeld() {
        endpoints(2);
        publish(2);
        List<ClaimedDelivery> byA = queue.claimDue("node-a", now, now + 1_000, 10, Set.of());
        assertThat(byA).hasSize(4);
        // Two of A's leases run out and B takes them. (A lease holds the delivery's due time at its
        // expiry, so a lease that ran out is both columns at a past time.)
        jdbc.sql("UPDATE deliveries SET lease_expires_at = :at, next_attempt_at = :at WHERE id IN (:ids)")
                .param("at", now)
                .param("ids", List.of(byA.get(1).id(), byA.get(3).id()))
                .update();
        List<String> takenByB = queue.claimDue("node-b", now + 1, now + LEASE, 10, Set.of()).stream()
                .map(ClaimedDelivery::id)
                .toList();
        assertThat(takenByB)
                .containsExactlyInAnyOrder(byA.get(1).id(), byA.get(3).id());

        List<Boolean> applied = queue.resolveAll(
                byA.stream()
                        .map(d -> new AttemptOutcome(d, "node-a", success(now + 5), NextStep.succeeded()))
                        .toList(),
                now + 5);

        assertThat(applied).containsExactly(true, false, true, false);
        assertThat(deliveryRow(byA.get(0).id()).get("status")).isEqualTo("succeeded");
        assertThat(deliveryRow(byA.get(1).id()).get("lease_owner")).isEqualTo("node-b");
        assertThat(byA).allSatisfy(d -> assertThat(attempts(d.id())).isEqualTo(1));
    }

    @Test
    void groupCommitRecordsEveryConcurrentOutcome() throws Exception {
        List<String> endpointIds = endpoints(3);
        Set<String> firstHalf = Set.copyOf(publish(40).subList(0, 20)); // 120 deliveries
        List<ClaimedDelivery> claimed = queue.claimDue("node-a", now, now + LEASE, 500, Set.of());
        assertThat(claimed).hasSize(120);
        try (AttemptRecorder groups = new AttemptRecorder(
                        engineQueue, endpointService, commits, clock, java.time.Duration.ofDays(5), 16, List.of());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < claimed.size(); i++) {
                ClaimedDelivery d = claimed.get(i);
                // The first endpoint fails for half the events; every endpoint succeeds at least once.
                boolean ok = !(d.endpointId().equals(endpointIds.getFirst()) && firstHalf.contains(d.eventId()));
                done.add(threads.submit(() -> {
                    start.await();
                    groups.record(
                            d,
                            "node-a",
                            ok ? success(now) : failure(now),
                            ok ? NextStep.succeeded() : NextStep.retryAt(now + 5_000));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.account_id = ?")
                        .param(accountId)
                        .query(Long.class)
                        .single())
                .isEqualTo(120);
        assertThat(jdbc.sql("SELECT status, COUNT(*) FROM deliveries WHERE account_id = ? GROUP BY status")
                        .param(accountId)
                        .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                        .list())
                .containsExactlyInAnyOrder("succeeded=100", "pending=20");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM deliveries WHERE account_id = ? AND lease_owner IS NOT NULL")
                        .param(accountId)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM endpoints WHERE id IN (:ids) AND last_success_at IS NOT NULL")
                        .param("ids", endpointIds)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }
}

package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.EventExamples;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The {@link DeliveryQueue} contract, straight against the store of each engine: leases are
 * exclusive while live, run out, are given back, and an outcome only moves a delivery whose lease
 * its writer still holds. The delivery engine is off, so the test alone claims; deliveries are made
 * through the real publish API.
 */
@TestPropertySource(properties = "webhooks.delivery.enabled=false")
abstract class DeliveryQueueContractTest extends WebhooksAppTest {

  private static final long LEASE = 60_000;

  @Autowired JdbcDeliveryQueue queue;
  @Autowired JdbcClient jdbc;
  @Autowired app.smartcomply.webhooks.endpoint.EndpointService endpointService;
  @Autowired org.springframework.transaction.support.TransactionTemplate tx;
  @Autowired app.smartcomply.webhooks.store.GroupCommitter commits;

  String accountId;
  String key;
  long now;

  @BeforeEach
  void freshAccountAndEmptyQueue() {
    ApiClient.Answer account = api().createAccount(ADMIN_KEY, "Queue " + System.nanoTime());
    accountId = account.text("id");
    key = account.text("api_key");
    now = clock.millis();
    // Each test starts with nothing due: earlier tests' deliveries are moved out of the way.
    jdbc.sql("UPDATE deliveries SET status = 'succeeded', lease_owner = NULL, lease_expires_at = NULL"
        + " WHERE status = 'pending' OR lease_owner IS NOT NULL").update();
  }

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
    assertThat(queue.claimDue("node-b", now + LEASE - 1, now + 2 * LEASE, 10, Set.of())).isEmpty();
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
    jdbc.sql("SELECT id, lease_owner FROM deliveries WHERE account_id = ?").param(accountId)
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
    assertThat(queue.claimDue("node-b", now + 999, now + 5_000, 10, Set.of())).isEmpty();
    List<ClaimedDelivery> taken = queue.claimDue("node-b", now + 1_001, now + 5_000, 10, Set.of());
    assertThat(taken).hasSize(1);
    assertThat(leaseOwners(taken)).containsOnly("node-b");
  }

  @Test
  void anOutcomeWrittenWithALostLeaseChangesNothing() {
    endpoints(1);
    publish(1);
    ClaimedDelivery byA = queue.claimDue("node-a", now, now + 1_000, 10, Set.of()).getFirst();
    ClaimedDelivery byB = queue.claimDue("node-b", now + 2_000, now + 60_000, 10, Set.of()).getFirst();
    assertThat(byB.id()).isEqualTo(byA.id());

    boolean applied = queue.resolve(byA, "node-a", success(now + 2_100), NextStep.succeeded(), now + 2_100);

    assertThat(applied).isFalse();
    Map<String, Object> row = deliveryRow(byA.id());
    assertThat(row.get("status")).isEqualTo("pending");
    assertThat(row.get("lease_owner")).isEqualTo("node-b");
    assertThat(((Number) row.get("attempt_count")).intValue()).isZero();
    assertThat(attempts(byA.id())).as("the attempt happened, so it is logged").isEqualTo(1);

    assertThat(queue.resolve(byB, "node-b", success(now + 2_200), NextStep.succeeded(), now + 2_200)).isTrue();
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
    ClaimedDelivery claimed = queue.claimDue("node-a", now, now + LEASE, 10, Set.of()).getFirst();
    assertThat(queue.resolve(claimed, "node-a", failure(now), NextStep.retryAt(now + 5_000), now)).isTrue();

    assertThat(queue.claimDue("node-b", now + 4_999, now + LEASE, 10, Set.of())).isEmpty();
    ClaimedDelivery again = queue.claimDue("node-b", now + 5_000, now + LEASE, 10, Set.of()).getFirst();
    assertThat(again.id()).isEqualTo(claimed.id());
    assertThat(again.attemptNumber()).isEqualTo(2);
  }

  @Test
  void aDeferredDeliveryIsFreeButDueOnlyWhenTheDeferralEndsWithNoAttemptUsedUp() {
    endpoints(1);
    publish(1);
    ClaimedDelivery claimed = queue.claimDue("node-a", now, now + LEASE, 10, Set.of()).getFirst();

    queue.defer(List.of(claimed.id()), "node-b", now + 5_000);
    assertThat(deliveryRow(claimed.id()).get("lease_owner")).as("only the owner can defer").isEqualTo("node-a");

    queue.defer(List.of(claimed.id()), "node-a", now + 5_000);
    Map<String, Object> row = deliveryRow(claimed.id());
    assertThat(row.get("lease_owner")).isNull();
    assertThat(((Number) row.get("next_attempt_at")).longValue()).isEqualTo(now + 5_000);
    assertThat(queue.claimDue("node-b", now + 4_999, now + LEASE, 10, Set.of())).isEmpty();
    ClaimedDelivery again = queue.claimDue("node-b", now + 5_000, now + LEASE, 10, Set.of()).getFirst();
    assertThat(again.id()).isEqualTo(claimed.id());
    assertThat(again.attemptNumber()).isEqualTo(1);
    assertThat(attempts(claimed.id())).isZero();
  }

  @Test
  void aClaimKeepsAHeldEndpointsOldestDeliveryForTheEndOfTheHoldAndParksTheRest() {
    List<String> endpoints = endpoints(2);
    List<String> events = publish(3);
    String paused = endpoints.get(0);
    dueInPublishOrder(events);
    long parkUntil = now + 300_000;
    ClaimRoom room = new ClaimRoom(Set.of(), endpointId -> 10, Map.of(paused, now + 5_000), parkUntil);

    Claim claim = queue.claim("node-a", now, now + LEASE, 10, room);
    assertThat(claim.leased()).hasSize(3).extracting(ClaimedDelivery::endpointId).containsOnly(endpoints.get(1));
    assertThat(claim.held()).isEqualTo(3);
    assertThat(claim.taken()).isEqualTo(6);
    List<Long> dueTimes = new ArrayList<>();
    for (String eventId : events) {
      Map<String, Object> row = jdbc.sql("SELECT * FROM deliveries WHERE event_id = ? AND endpoint_id = ?")
          .params(eventId, paused).query().singleRow();
      dueTimes.add(((Number) row.get("next_attempt_at")).longValue());
      assertThat(row.get("lease_owner")).isNull();
      assertThat(((Number) row.get("attempt_count")).intValue()).isZero();
    }
    // The oldest waits to probe the endpoint when the hold ends; the others are parked.
    assertThat(dueTimes).containsExactly(now + 5_000, parkUntil, parkUntil);
    assertThat(queue.claimDue("node-b", now + 4_999, now + LEASE, 10, Set.of())).isEmpty();
    assertThat(queue.claimDue("node-b", now + 5_000, now + LEASE, 10, Set.of()))
        .extracting(ClaimedDelivery::eventId).containsExactly(events.getFirst());
    assertThat(queue.claimDue("node-b", parkUntil + 1, parkUntil + LEASE, 10, Set.of()))
        .as("parking ends by itself").filteredOn(d -> d.endpointId().equals(paused))
        .extracting(ClaimedDelivery::eventId).contains(events.get(1), events.get(2));
  }

  @Test
  void releasingAnEndpointsParkedDeliveriesMakesThemAndOnlyThemDueNow() {
    List<String> endpoints = endpoints(2);
    String paused = endpoints.get(0);
    List<String> events = publish(4);
    String retrying = events.get(3);
    dueInPublishOrder(events);
    ClaimRoom room = new ClaimRoom(Set.of(), endpointId -> 10, Map.of(paused, now + 5_000), now + 300_000);
    assertThat(queue.claim("node-a", now, now + LEASE, 10, room).held()).isEqualTo(4); // 1 kept, 3 parked
    // Of the paused endpoint's: event 0 waits for the probe, 1–3 are parked. Then another node
    // leases 1, and 3 becomes a retry scheduled by its own outcome (as if attempted meanwhile).
    jdbc.sql("UPDATE deliveries SET next_attempt_at = :at, lease_expires_at = NULL WHERE event_id = :e AND endpoint_id = :p")
        .param("at", now + 60_000).param("e", retrying).param("p", paused).update();
    jdbc.sql("UPDATE deliveries SET lease_owner = 'node-b', lease_expires_at = :exp WHERE event_id = :e AND endpoint_id = :p")
        .param("exp", now + 300_000).param("e", events.get(1)).param("p", paused).update();

    assertThat(queue.releaseParked(paused, now)).isEqualTo(1);
    assertThat(queue.releaseParked(endpoints.get(1), now)).isZero();
    assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of()))
        .extracting(ClaimedDelivery::eventId).containsExactly(events.get(2));
    assertThat(jdbc.sql("SELECT next_attempt_at FROM deliveries WHERE event_id = :e AND endpoint_id = :p")
        .param("e", retrying).param("p", paused).query(Long.class).single()).isEqualTo(now + 60_000);
  }

  @Test
  void aParkedDeliverySetAsideForAProbeIsDueThenAndOnlyIfItWasStillParked() {
    String paused = endpoints(1).getFirst();
    List<String> events = publish(3);
    dueInPublishOrder(events);
    ClaimRoom room = new ClaimRoom(Set.of(), endpointId -> 10, Map.of(paused, now + 5_000), now + 300_000);
    assertThat(queue.claim("node-a", now, now + LEASE, 10, room).held()).isEqualTo(3); // 0 kept, 1–2 parked
    String parked = deliveryOf(events.get(1));
    String kept = deliveryOf(events.get(0));

    queue.holdParked(parked, now + 15_000, now);
    queue.holdParked(kept, now + 15_000, now);

    Map<String, Object> held = deliveryRow(parked);
    assertThat(((Number) held.get("next_attempt_at")).longValue()).isEqualTo(now + 15_000);
    assertThat(queue.releaseParked(paused, now)).as("no longer parked: only event 2 is").isEqualTo(1);
    assertThat(((Number) deliveryRow(kept).get("next_attempt_at")).longValue()).as("not parked: untouched")
        .isEqualTo(now + 5_000);
  }

  @Test
  void excludedEndpointsAreSkipped() {
    List<String> endpoints = endpoints(3);
    publish(2);
    List<ClaimedDelivery> claimed = queue.claimDue("node-a", now, now + LEASE, 10, Set.of(endpoints.get(0), endpoints.get(2)));
    assertThat(claimed).hasSize(2).extracting(ClaimedDelivery::endpointId).containsOnly(endpoints.get(1));
    assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of())).hasSize(4);
  }

  @Test
  void aReadThatFoundNothingIsNotRepeatedWithNoFewerExclusionsForAWhile() {
    List<String> endpoints = endpoints(2);
    String full = endpoints.get(0);
    String other = endpoints.get(1);
    publish(3);
    setStatusOfDeliveries(other, "succeeded");
    assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of(full))).isEmpty();

    // The other endpoint's deliveries come due again in the store (as a retry would, with no
    // work announced); a claim leaving out as much waits...
    setStatusOfDeliveries(other, "pending");
    long soon = now + DueCandidates.FRUITLESS_READ_MEMORY_MS - 1;
    assertThat(queue.claimDue("node-a", soon, soon + LEASE, 10, Set.of(full))).isEmpty();
    // ...one leaving out less reads at once...
    assertThat(queue.claimDue("node-a", soon, soon + LEASE, 1, Set.of()))
        .extracting(ClaimedDelivery::endpointId).containsExactly(full);
    // ...and once its memory runs out the same claim finds them.
    long later = now + DueCandidates.FRUITLESS_READ_MEMORY_MS;
    assertThat(queue.claimDue("node-a", later, later + LEASE, 10, Set.of(full)))
        .hasSize(3).extracting(ClaimedDelivery::endpointId).containsOnly(other);
  }

  @Test
  void anEmptyReadStandsForNothingOnceWorkOfAnEndpointItDidNotLeaveOutIsCommitted() {
    List<String> endpoints = endpoints(2);
    String full = endpoints.get(0);
    String other = endpoints.get(1);
    assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of(full))).isEmpty();
    publish(1); // one delivery for each endpoint, announced as the publish commits
    assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of(full)))
        .extracting(ClaimedDelivery::endpointId).containsExactly(other);
  }

  @Test
  void workOfEndpointsAnEmptyReadLeftOutLeavesItStanding() {
    List<String> endpoints = endpoints(2);
    String full = endpoints.get(0);
    String other = endpoints.get(1);
    publish(1);
    setStatusOfDeliveries(other, "succeeded");
    assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of(full))).isEmpty();
    queue.workAdded(List.of(full));
    // The other endpoint's delivery comes due in the store, unannounced (as a retry does): the
    // empty read still stands, since the only work announced was the left-out endpoint's.
    setStatusOfDeliveries(other, "pending");
    assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of(full))).isEmpty();
    queue.workAdded(List.of(other));
    assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of(full)))
        .extracting(ClaimedDelivery::endpointId).containsExactly(other);
  }

  @Test
  void aClaimTakesNoMoreOfAnEndpointThanItsRoomAndLeasesNothingElse() {
    List<String> endpoints = endpoints(2);
    publish(5);
    String busy = endpoints.get(0);
    ClaimRoom room = new ClaimRoom(java.util.Set.of(), endpointId -> endpointId.equals(busy) ? 2 : 3);
    List<ClaimedDelivery> claimed = queue.claimDue("node-a", now, now + LEASE, 10, room);
    assertThat(claimed).filteredOn(d -> d.endpointId().equals(busy)).hasSize(2);
    assertThat(claimed).filteredOn(d -> !d.endpointId().equals(busy)).hasSize(3);
    // Everything not returned is still free: another node gets exactly the other 5, nothing was
    // leased and left waiting.
    assertThat(jdbc.sql("SELECT COUNT(*) FROM deliveries WHERE lease_owner IS NOT NULL").query(Integer.class).single())
        .isEqualTo(5);
    assertThat(queue.claimDue("node-b", now, now + LEASE, 10, Set.of())).hasSize(5)
        .extracting(ClaimedDelivery::id).doesNotContainAnyElementsOf(claimed.stream().map(ClaimedDelivery::id).toList());
  }

  @Test
  void disabledEndpointsAndFutureDeliveriesAreNotClaimed() {
    List<String> endpoints = endpoints(2);
    publish(1);
    ApiClient.expect(200, api().patch("/api/v1/webhooks/endpoints/" + endpoints.get(0), key, "{\"status\":\"disabled\"}"));
    assertThat(queue.claimDue("node-a", now - 1, now + LEASE, 10, Set.of())).as("not due yet").isEmpty();
    assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of()))
        .extracting(ClaimedDelivery::endpointId).containsExactly(endpoints.get(1));
  }

  @Test
  void claimsTakeTheOldestDueFirstUpToTheLimit() {
    endpoints(1);
    List<String> events = publish(3);
    List<String> order = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      // Each event's delivery is made due one millisecond after the previous one's.
      jdbc.sql("UPDATE deliveries SET next_attempt_at = ? WHERE event_id = ?").params(now - 10 + i, events.get(i)).update();
    }
    for (int i = 0; i < 3; i++) {
      List<ClaimedDelivery> one = queue.claimDue("node-a", now, now + LEASE, 1, Set.of());
      assertThat(one).hasSize(1);
      order.add(one.getFirst().eventId());
    }
    assertThat(order).containsExactlyElementsOf(events);
  }

  @Test
  void oneEndpointsBacklogDoesNotHideAnotherEndpointsDelivery() {
    List<String> endpoints = endpoints(2);
    String backlogged = endpoints.get(0);
    String quiet = endpoints.get(1);
    publish(6);
    // The quiet endpoint's deliveries are the newest due; the backlogged one's are all older.
    jdbc.sql("UPDATE deliveries SET next_attempt_at = :at WHERE endpoint_id = :e")
        .param("at", now - 100).param("e", backlogged).update();
    ClaimRoom room = new ClaimRoom(java.util.Set.of(), endpointId -> endpointId.equals(backlogged) ? 2 : 10);
    // A limit of 4 rows: the oldest 4 are all the backlogged endpoint's, which may take only 2.
    List<ClaimedDelivery> claimed = queue.claimDue("node-a", now, now + LEASE, 4, room);
    assertThat(claimed).extracting(ClaimedDelivery::endpointId)
        .containsExactlyInAnyOrder(backlogged, backlogged, quiet, quiet);
  }

  @Test
  void aBusyEndpointsBacklogAtTheHeadDoesNotHideTheRest() {
    List<String> endpoints = endpoints(2);
    String busy = endpoints.get(0);
    publish(150);
    jdbc.sql("UPDATE deliveries SET next_attempt_at = :at WHERE endpoint_id = :e")
        .param("at", now - 1_000).param("e", busy).update();
    // The busy endpoint is at its cap: its 150 older rows fill the first window.
    assertThat(queue.claimDue("node-a", now, now + LEASE, 1, Set.of(busy)))
        .extracting(ClaimedDelivery::endpointId).containsExactly(endpoints.get(1));
  }

  @Test
  void aDisabledEndpointsWaitingDeliveriesNeverBlockTheQueue() {
    List<String> endpoints = endpoints(2);
    String disabled = endpoints.get(0);
    publish(150);
    ApiClient.expect(200, api().patch("/api/v1/webhooks/endpoints/" + disabled, key, "{\"status\":\"disabled\"}"));
    // Its 150 pending deliveries stay due, and older than anything of the active endpoint.
    jdbc.sql("UPDATE deliveries SET next_attempt_at = :at WHERE endpoint_id = :e")
        .param("at", now - 1_000).param("e", disabled).update();
    assertThat(queue.claimDue("node-a", now, now + LEASE, 1, Set.of()))
        .extracting(ClaimedDelivery::endpointId).containsExactly(endpoints.get(1));
  }

  @Test
  void aLeasedDeliveryIsNotDueUntilItsLeaseRunsOut() {
    endpoints(1);
    publish(1);
    ClaimedDelivery leased = queue.claimDue("node-a", now, now + LEASE, 10, Set.of()).getFirst();
    // The due index holds only waiting work: what is in flight is not read past by every claim.
    assertThat(((Number) deliveryRow(leased.id()).get("next_attempt_at")).longValue()).isEqualTo(now + LEASE);
    assertThat(queue.claimDue("node-b", now + LEASE - 1, now + 2 * LEASE, 10, Set.of())).isEmpty();
    assertThat(queue.claimDue("node-b", now + LEASE + 1, now + 2 * LEASE, 10, Set.of()))
        .extracting(ClaimedDelivery::id).containsExactly(leased.id());
  }

  @Test
  void releaseGivesBackOnlyTheCallersOwnLeases() {
    endpoints(3);
    publish(1);
    List<ClaimedDelivery> byA = queue.claimDue("node-a", now, now + LEASE, 10, Set.of());
    List<String> ids = byA.stream().map(ClaimedDelivery::id).toList();

    queue.release(ids, "node-b");
    assertThat(queue.claimDue("node-b", now, now + LEASE, 10, Set.of())).as("not B's to give").isEmpty();

    queue.release(ids.subList(0, 1), "node-a");
    assertThat(queue.claimDue("node-b", now, now + LEASE, 10, Set.of())).extracting(ClaimedDelivery::id)
        .containsExactly(ids.getFirst());

    assertThat(queue.releaseAll("node-a")).isEqualTo(2);
    assertThat(queue.claimDue("node-c", now, now + LEASE, 10, Set.of())).extracting(ClaimedDelivery::id)
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
        .map(ClaimedDelivery::id).toList();
    assertThat(takenByB).containsExactlyInAnyOrder(byA.get(1).id(), byA.get(3).id());

    List<Boolean> applied = queue.resolveAll(
        byA.stream().map(d -> new AttemptOutcome(d, "node-a", success(now + 5), NextStep.succeeded())).toList(), now + 5);

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
    AttemptRecorder recorder = new AttemptRecorder(queue, endpointService, commits, clock, java.time.Duration.ofDays(5));
    try (GroupCommitRecorder groups = new GroupCommitRecorder(recorder, 16);
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < claimed.size(); i++) {
        ClaimedDelivery d = claimed.get(i);
        // The first endpoint fails for half the events; every endpoint succeeds at least once.
        boolean ok = !(d.endpointId().equals(endpointIds.getFirst()) && firstHalf.contains(d.eventId()));
        done.add(threads.submit(() -> {
          start.await();
          groups.record(d, "node-a", ok ? success(now) : failure(now), ok ? NextStep.succeeded() : NextStep.retryAt(now + 5_000));
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM attempts a JOIN deliveries d ON d.id = a.delivery_id WHERE d.account_id = ?")
        .param(accountId).query(Long.class).single()).isEqualTo(120);
    assertThat(jdbc.sql("SELECT status, COUNT(*) FROM deliveries WHERE account_id = ? GROUP BY status")
        .param(accountId).query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2)).list())
        .containsExactlyInAnyOrder("succeeded=100", "pending=20");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM deliveries WHERE account_id = ? AND lease_owner IS NOT NULL")
        .param(accountId).query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM endpoints WHERE id IN (:ids) AND last_success_at IS NOT NULL")
        .param("ids", endpointIds).query(Long.class).single()).isEqualTo(3);
  }

  // --- helpers -------------------------------------------------------------------------------

  /** Sets the status of every delivery of the endpoint, as an outcome or a retry would. */
  private void setStatusOfDeliveries(String endpointId, String status) {
    jdbc.sql("UPDATE deliveries SET status = :status WHERE endpoint_id = :e")
        .param("status", status).param("e", endpointId).update();
  }

  /** Distinct due times, all past, in the events' order: the first event's deliveries are the oldest. */
  private void dueInPublishOrder(List<String> events) {
    for (int i = 0; i < events.size(); i++) {
      jdbc.sql("UPDATE deliveries SET next_attempt_at = :at WHERE event_id = :e")
          .param("at", now - 100 + i).param("e", events.get(i)).update();
    }
  }

  private List<String> endpoints(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(api().createEndpoint(key, "http://127.0.0.1:9/e" + i, "test.submitted").text("id"));
    }
    return ids;
  }

  private List<String> publish(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(api().publish(ADMIN_KEY, accountId, "test.submitted", EventExamples.testSubmitted(i)).text("id"));
    }
    return ids;
  }

  private List<String> leaseOwners(Collection<ClaimedDelivery> claimed) {
    return jdbc.sql("SELECT lease_owner FROM deliveries WHERE id IN (:ids)")
        .param("ids", claimed.stream().map(ClaimedDelivery::id).toList())
        .query(String.class).list();
  }

  private Map<String, Object> deliveryRow(String id) {
    return jdbc.sql("SELECT status, lease_owner, attempt_count, next_attempt_at FROM deliveries WHERE id = ?")
        .param(id).query().singleRow();
  }

  private String deliveryOf(String eventId) {
    return jdbc.sql("SELECT id FROM deliveries WHERE event_id = ?").param(eventId).query(String.class).single();
  }

  private long attempts(String deliveryId) {
    return jdbc.sql("SELECT COUNT(*) FROM attempts WHERE delivery_id = ?").param(deliveryId).query(Long.class).single();
  }

  private static AttemptResult success(long at) {
    return new AttemptResult(at, 12, List.of(), 200, List.of(), new byte[0], false, null, Optional.empty());
  }

  private static AttemptResult failure(long at) {
    return AttemptResult.failed(at, 3, List.of(), "Connection refused: test");
  }
}

package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which due deliveries a claim takes ({@link DueCandidates}), on each engine: the oldest first, no
 * more of an endpoint than its room, never a disabled endpoint's or a future one; one endpoint's
 * backlog hides nobody else's; and a read that found nothing is not repeated for nothing.
 */
abstract class ClaimSelectionContractTest extends QueueContractFixture {

    @Test
    void excludedEndpointsAreSkipped() {
        List<String> endpoints = endpoints(3);
        publish(2);
        List<ClaimedDelivery> claimed =
                queue.claimDue("node-a", now, now + LEASE, 10, Set.of(endpoints.get(0), endpoints.get(2)));
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
        assertThat(queue.claimDue("node-a", soon, soon + LEASE, 10, Set.of(full)))
                .isEmpty();
        // ...one leaving out less reads at once...
        assertThat(queue.claimDue("node-a", soon, soon + LEASE, 1, Set.of()))
                .extracting(ClaimedDelivery::endpointId)
                .containsExactly(full);
        // ...and once its memory runs out the same claim finds them.
        long later = now + DueCandidates.FRUITLESS_READ_MEMORY_MS;
        assertThat(queue.claimDue("node-a", later, later + LEASE, 10, Set.of(full)))
                .hasSize(3)
                .extracting(ClaimedDelivery::endpointId)
                .containsOnly(other);
    }

    @Test
    void anEmptyReadStandsForNothingOnceWorkOfAnEndpointItDidNotLeaveOutIsCommitted() {
        List<String> endpoints = endpoints(2);
        String full = endpoints.get(0);
        String other = endpoints.get(1);
        assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of(full))).isEmpty();
        publish(1); // one delivery for each endpoint, announced as the publish commits
        assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of(full)))
                .extracting(ClaimedDelivery::endpointId)
                .containsExactly(other);
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
                .extracting(ClaimedDelivery::endpointId)
                .containsExactly(other);
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
        assertThat(jdbc.sql("SELECT COUNT(*) FROM deliveries WHERE lease_owner IS NOT NULL")
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);
        assertThat(queue.claimDue("node-b", now, now + LEASE, 10, Set.of()))
                .hasSize(5)
                .extracting(ClaimedDelivery::id)
                .doesNotContainAnyElementsOf(
                        claimed.stream().map(ClaimedDelivery::id).toList());
    }

    @Test
    void disabledEndpointsAndFutureDeliveriesAreNotClaimed() {
        List<String> endpoints = endpoints(2);
        publish(1);
        ApiClient.expect(
                200, api().patch("/api/v1/webhooks/endpoints/" + endpoints.get(0), key, "{\"status\":\"disabled\"}"));
        assertThat(queue.claimDue("node-a", now - 1, now + LEASE, 10, Set.of()))
                .as("not due yet")
                .isEmpty();
        assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of()))
                .extracting(ClaimedDelivery::endpointId)
                .containsExactly(endpoints.get(1));
    }

    @Test
    void claimsTakeTheOldestDueFirstUpToTheLimit() {
        endpoints(1);
        List<String> events = publish(3);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // Each event's delivery is made due one millisecond after the previous one's.
            jdbc.sql("UPDATE deliveries SET next_attempt_at = ? WHERE event_id = ?")
                    .params(now - 10 + i, events.get(i))
                    .update();
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
                .param("at", now - 100)
                .param("e", backlogged)
                .update();
        ClaimRoom room = new ClaimRoom(java.util.Set.of(), endpointId -> endpointId.equals(backlogged) ? 2 : 10);
        // A limit of 4 rows: the oldest 4 are all the backlogged endpoint's, which may take only 2.
        List<ClaimedDelivery> claimed = queue.claimDue("node-a", now, now + LEASE, 4, room);
        assertThat(claimed)
                .extracting(ClaimedDelivery::endpointId)
                .containsExactlyInAnyOrder(backlogged, backlogged, quiet, quiet);
    }

    @Test
    void aBusyEndpointsBacklogAtTheHeadDoesNotHideTheRest() {
        List<String> endpoints = endpoints(2);
        String busy = endpoints.get(0);
        publish(150);
        jdbc.sql("UPDATE deliveries SET next_attempt_at = :at WHERE endpoint_id = :e")
                .param("at", now - 1_000)
                .param("e", busy)
                .update();
        // The busy endpoint is at its cap: its 150 older rows fill the first window.
        assertThat(queue.claimDue("node-a", now, now + LEASE, 1, Set.of(busy)))
                .extracting(ClaimedDelivery::endpointId)
                .containsExactly(endpoints.get(1));
    }

    @Test
    void aDisabledEndpointsWaitingDeliveriesNeverBlockTheQueue() {
        List<String> endpoints = endpoints(2);
        String disabled = endpoints.get(0);
        publish(150);
        ApiClient.expect(200, api().patch("/api/v1/webhooks/endpoints/" + disabled, key, "{\"status\":\"disabled\"}"));
        // Made waiting again behind the hold's back (as a retry by hand racing the switch could), and
        // older than anything of the active endpoint: claims still skip them by the endpoint's status.
        jdbc.sql("UPDATE deliveries SET state = 'waiting', next_attempt_at = :at, lease_owner = NULL,"
                        + " lease_expires_at = NULL WHERE endpoint_id = :e")
                .param("at", now - 1_000)
                .param("e", disabled)
                .update();
        assertThat(queue.claimDue("node-a", now, now + LEASE, 1, Set.of()))
                .extracting(ClaimedDelivery::endpointId)
                .containsExactly(endpoints.get(1));
    }

    @Test
    void aDisabledEndpointsBacklogLongerThanTheReadWindowDoesNotSlowClaimsOfTheRest() {
        List<String> endpoints = endpoints(2);
        String disabled = endpoints.get(0);
        String active = endpoints.get(1);
        waitingDeliveries(active, 600, now - 1_000);
        waitingDeliveries(disabled, DueCandidates.WINDOW + 5_000, now - 60_000);
        ApiClient.expect(200, api().patch("/api/v1/webhooks/endpoints/" + disabled, key, "{\"status\":\"disabled\"}"));

        for (int claim = 0; claim < 3; claim++) {
            assertThat(queue.claimDue("node-a", now, now + LEASE, 200, Set.of()))
                    .as("claim %d, each at the same moment", claim)
                    .hasSize(200)
                    .extracting(ClaimedDelivery::endpointId)
                    .containsOnly(active);
        }

        ApiClient.expect(200, api().patch("/api/v1/webhooks/endpoints/" + disabled, key, "{\"status\":\"active\"}"));
        assertThat(queue.claimDue("node-a", now, now + LEASE, 200, Set.of()))
                .as("enabled again, its held deliveries are due at once")
                .hasSize(200)
                .extracting(ClaimedDelivery::endpointId)
                .containsOnly(disabled);
    }

    @Test
    void anEndpointTheServiceDisablesHasItsWaitingDeliveriesHeldToo() {
        List<String> endpoints = endpoints(2);
        String gone = endpoints.get(0);
        publish(3);
        tx.executeWithoutResult(status -> endpointService.disableAutomatically(gone, "It answered 410 Gone."));

        assertThat(jdbc.sql("SELECT COUNT(*) FROM deliveries WHERE endpoint_id = ? AND status = 'pending'"
                                + " AND next_attempt_at IS NULL")
                        .param(gone)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
        assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of()))
                .hasSize(3)
                .extracting(ClaimedDelivery::endpointId)
                .containsOnly(endpoints.get(1));

        ApiClient.expect(200, api().patch("/api/v1/webhooks/endpoints/" + gone, key, "{\"status\":\"active\"}"));
        assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of()))
                .as("enabled by its owner, its held deliveries go")
                .hasSize(3)
                .extracting(ClaimedDelivery::endpointId)
                .containsOnly(gone);
    }

    @Test
    void aDeliveryHeldAfterAClaimReadItIsNotLeased() {
        String endpoint = endpoints(1).getFirst();
        String delivery = deliveryOf(publish(1).getFirst());
        tx.executeWithoutResult(status -> endpointService.disableAutomatically(endpoint, "It answered 410 Gone."));

        // The lease statement alone, as a claim that read the row just before the hold would run it.
        List<String> leased = deliverySql.lease("node-a", now, now + LEASE, List.of(delivery));
        assertThat(leased).isEmpty();
        assertThat(deliveryRow(delivery).get("lease_owner")).isNull();
    }

    /**
     * An endpoint at its cap with more due deliveries than a claim's read window, all older than
     * those of two other endpoints (300 each, one set older than the other), which may take 150 per
     * claim. The engine-specific tests say what claims then find.
     */
    BacklogAtItsCap backlogAtItsCapAheadOfTwoOthers() {
        List<String> endpoints = endpoints(3);
        BacklogAtItsCap backlog = new BacklogAtItsCap(
                endpoints.get(0),
                endpoints.get(1),
                endpoints.get(2),
                new ClaimRoom(Set.of(endpoints.get(0)), endpointId -> 150));
        waitingDeliveries(backlog.busy(), DueCandidates.WINDOW + 5_000, now - 60_000);
        waitingDeliveries(backlog.older(), 300, now - 2_000);
        waitingDeliveries(backlog.newer(), 300, now - 1_000);
        return backlog;
    }

    record BacklogAtItsCap(String busy, String older, String newer, ClaimRoom room) {}

    /** {@code count} pending deliveries of the endpoint, all due at {@code dueAt}: a backlog. */
    void waitingDeliveries(String endpointId, int count, long dueAt) {
        String eventId = publish(1).getFirst(); // to every endpoint; its own deliveries are not the backlog
        jdbc.sql("DELETE FROM deliveries WHERE event_id = :e")
                .param("e", eventId)
                .update();
        jdbc.sql("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)
            INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempt_count,
                                    next_attempt_at, created_at, updated_at, state)
            SELECT 'whd_backlog_' || :endpoint || '_' || i, :account, :event, :endpoint, 'test.submitted', 'pending', 1,
                   :dueAt, :dueAt, :dueAt, 'waiting'
              FROM n""")
                .param("count", count)
                .param("endpoint", endpointId)
                .param("account", accountId)
                .param("event", eventId)
                .param("dueAt", dueAt)
                .update();
    }
}

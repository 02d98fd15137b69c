package app.smartcomply.webhooks.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Deliveries that wait without using up attempts, on each engine: deferred to a time, kept for
 * the end of their endpoint's hold and parked meanwhile, released when the endpoint recovers, and
 * one set aside for a probe.
 */
abstract class DeliveryHoldContractTest extends QueueContractFixture {

    @Test
    void aDeferredDeliveryIsFreeButDueOnlyWhenTheDeferralEndsWithNoAttemptUsedUp() {
        endpoints(1);
        publish(1);
        ClaimedDelivery claimed =
                queue.claimDue("node-a", now, now + LEASE, 10, Set.of()).getFirst();

        queue.defer(List.of(claimed.id()), "node-b", now + 5_000);
        assertThat(deliveryRow(claimed.id()).get("lease_owner"))
                .as("only the owner can defer")
                .isEqualTo("node-a");

        queue.defer(List.of(claimed.id()), "node-a", now + 5_000);
        Map<String, Object> row = deliveryRow(claimed.id());
        assertThat(row.get("lease_owner")).isNull();
        assertThat(((Number) row.get("next_attempt_at")).longValue()).isEqualTo(now + 5_000);
        assertThat(queue.claimDue("node-b", now + 4_999, now + LEASE, 10, Set.of()))
                .isEmpty();
        ClaimedDelivery again =
                queue.claimDue("node-b", now + 5_000, now + LEASE, 10, Set.of()).getFirst();
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
        assertThat(claim.leased())
                .hasSize(3)
                .extracting(ClaimedDelivery::endpointId)
                .containsOnly(endpoints.get(1));
        assertThat(claim.setAside()).isEqualTo(3);
        assertThat(claim.taken()).isEqualTo(6);
        List<Long> dueTimes = new ArrayList<>();
        List<String> states = new ArrayList<>();
        for (String eventId : events) {
            Map<String, Object> row = jdbc.sql("SELECT * FROM deliveries WHERE event_id = ? AND endpoint_id = ?")
                    .params(eventId, paused)
                    .query()
                    .singleRow();
            dueTimes.add(((Number) row.get("next_attempt_at")).longValue());
            states.add((String) row.get("state"));
            assertThat(row.get("lease_owner")).isNull();
            assertThat(row.get("lease_expires_at")).isNull();
            assertThat(((Number) row.get("attempt_count")).intValue()).isZero();
        }
        // The oldest waits to probe the endpoint when the hold ends; the others are parked.
        assertThat(dueTimes).containsExactly(now + 5_000, parkUntil, parkUntil);
        assertThat(states).containsExactly("waiting", "parked", "parked");
        assertThat(queue.claimDue("node-b", now + 4_999, now + LEASE, 10, Set.of()))
                .isEmpty();
        assertThat(queue.claimDue("node-b", now + 5_000, now + LEASE, 10, Set.of()))
                .extracting(ClaimedDelivery::eventId)
                .containsExactly(events.getFirst());
        assertThat(queue.claimDue("node-b", parkUntil + 1, parkUntil + LEASE, 10, Set.of()))
                .as("parking ends by itself")
                .filteredOn(d -> d.endpointId().equals(paused))
                .extracting(ClaimedDelivery::eventId)
                .contains(events.get(1), events.get(2));
    }

    @Test
    void releasingAnEndpointsParkedDeliveriesMakesThemAndOnlyThemDueNow() {
        List<String> endpoints = endpoints(2);
        String paused = endpoints.get(0);
        List<String> events = publish(4);
        String retrying = events.get(3);
        dueInPublishOrder(events);
        ClaimRoom room = new ClaimRoom(Set.of(), endpointId -> 10, Map.of(paused, now + 5_000), now + 300_000);
        assertThat(queue.claim("node-a", now, now + LEASE, 10, room).setAside()).isEqualTo(4); // 1 kept, 3 parked
        // Of the paused endpoint's: event 0 waits for the probe, 1–3 are parked. Then another node
        // leases 1, and 3 becomes a retry scheduled by its own outcome (as if attempted meanwhile).
        jdbc.sql(
                        "UPDATE deliveries SET state = 'waiting', next_attempt_at = :at WHERE event_id = :e AND endpoint_id = :p")
                .param("at", now + 60_000)
                .param("e", retrying)
                .param("p", paused)
                .update();
        jdbc.sql("UPDATE deliveries SET state = 'leased', lease_owner = 'node-b', lease_expires_at = :exp"
                        + " WHERE event_id = :e AND endpoint_id = :p")
                .param("exp", now + 300_000)
                .param("e", events.get(1))
                .param("p", paused)
                .update();

        assertThat(queue.releaseParked(paused, now)).isEqualTo(1);
        assertThat(queue.releaseParked(endpoints.get(1), now)).isZero();
        assertThat(queue.claimDue("node-a", now, now + LEASE, 10, Set.of()))
                .extracting(ClaimedDelivery::eventId)
                .containsExactly(events.get(2));
        assertThat(jdbc.sql("SELECT next_attempt_at FROM deliveries WHERE event_id = :e AND endpoint_id = :p")
                        .param("e", retrying)
                        .param("p", paused)
                        .query(Long.class)
                        .single())
                .isEqualTo(now + 60_000);
    }

    @Test
    void aParkedDeliverySetAsideForAProbeIsDueThenAndOnlyIfItWasStillParked() {
        String paused = endpoints(1).getFirst();
        List<String> events = publish(3);
        dueInPublishOrder(events);
        ClaimRoom room = new ClaimRoom(Set.of(), endpointId -> 10, Map.of(paused, now + 5_000), now + 300_000);
        assertThat(queue.claim("node-a", now, now + LEASE, 10, room).setAside()).isEqualTo(3); // 0 kept, 1–2 parked
        String parked = deliveryOf(events.get(1));
        String kept = deliveryOf(events.get(0));

        queue.keepParkedForProbe(parked, now + 15_000, now);
        queue.keepParkedForProbe(kept, now + 15_000, now);

        Map<String, Object> held = deliveryRow(parked);
        assertThat(((Number) held.get("next_attempt_at")).longValue()).isEqualTo(now + 15_000);
        assertThat(held.get("state")).as("kept for the probe: waiting").isEqualTo("waiting");
        assertThat(queue.releaseParked(paused, now))
                .as("no longer parked: only event 2 is")
                .isEqualTo(1);
        assertThat(((Number) deliveryRow(kept).get("next_attempt_at")).longValue())
                .as("not parked: untouched")
                .isEqualTo(now + 5_000);
    }

    @Test
    void aDisabledEndpointsDeliveryWhoseLeaseRanOutIsHeldAndComesBackWhenEnabled() {
        String endpoint = endpoints(1).getFirst();
        List<String> events = publish(2);
        String orphaned = deliveryOf(events.get(0));
        String inFlight = deliveryOf(events.get(1));
        // A dead node leased the first (its lease runs out in a second); a live one leases the second.
        jdbc.sql("UPDATE deliveries SET state = 'leased', lease_owner = :owner, lease_expires_at = :exp,"
                        + " next_attempt_at = :exp WHERE id = :id")
                .param("owner", "node-dead")
                .param("exp", now + 1_000)
                .param("id", orphaned)
                .update();
        ClaimedDelivery live =
                queue.claimDue("node-a", now, now + LEASE, 10, Set.of()).getFirst();
        assertThat(live.id()).isEqualTo(inFlight);
        clock.advance(java.time.Duration.ofSeconds(2));
        long disabledAt = clock.millis();

        ApiClient.expect(200, api().patch("/api/v1/webhooks/endpoints/" + endpoint, key, "{\"status\":\"disabled\"}"));

        Map<String, Object> held = deliveryRow(orphaned);
        assertThat(held.get("next_attempt_at"))
                .as("an expired lease protects nothing: held")
                .isNull();
        assertThat(held.get("lease_owner")).isNull();
        Map<String, Object> leased = deliveryRow(inFlight);
        assertThat(leased.get("lease_owner"))
                .as("a live lease is left to its attempt")
                .isEqualTo("node-a");
        assertThat(leased.get("next_attempt_at"))
                .as("but no longer makes it due when it runs out")
                .isNull();
        // The live attempt fails and is scheduled a retry: on a disabled endpoint it is held, not due.
        assertThat(queue.resolveAll(
                        List.of(new AttemptOutcome(
                                live, "node-a", failure(disabledAt), NextStep.retryAt(disabledAt + 5_000))),
                        disabledAt))
                .containsExactly(true);
        assertThat(deliveryRow(inFlight).get("next_attempt_at"))
                .as("retry of a disabled endpoint")
                .isNull();
        assertThat(queue.claimDue("node-b", disabledAt + LEASE, disabledAt + 2 * LEASE, 10, Set.of()))
                .isEmpty();

        ApiClient.expect(200, api().patch("/api/v1/webhooks/endpoints/" + endpoint, key, "{\"status\":\"active\"}"));
        assertThat(queue.claimDue("node-b", clock.millis(), clock.millis() + LEASE, 10, Set.of()))
                .as("enabled again, both go at once")
                .extracting(ClaimedDelivery::id)
                .containsExactlyInAnyOrder(orphaned, inFlight);
    }

    @Test
    void aRetryRecordedInTheGroupThatDisablesItsEndpointIsHeld() {
        String endpoint = endpoints(1).getFirst();
        publish(2);
        List<ClaimedDelivery> claimed = queue.claimDue("node-a", now, now + LEASE, 10, Set.of());
        assertThat(claimed).hasSize(2);
        try (AttemptRecorder recorder = new AttemptRecorder(
                engineQueue, endpointService, commits, clock, java.time.Duration.ofDays(5), 16, List.of())) {
            // One group: the first attempt was refused for a retry, the second answered 410 Gone.
            commits.execute(() -> {
                recorder.writeAll(List.of(
                        new AttemptOutcome(claimed.get(0), "node-a", failure(now), NextStep.retryAt(now + 5_000)),
                        new AttemptOutcome(
                                claimed.get(1),
                                "node-a",
                                failure(now),
                                NextStep.deadAndDisable("It answered 410 Gone."))));
                return null;
            });
        }

        assertThat(jdbc.sql("SELECT status FROM endpoints WHERE id = ?")
                        .param(endpoint)
                        .query(String.class)
                        .single())
                .isEqualTo("disabled");
        Map<String, Object> retried = deliveryRow(claimed.get(0).id());
        assertThat(retried.get("status")).isEqualTo("pending");
        assertThat(retried.get("lease_owner")).isNull();
        assertThat(retried.get("next_attempt_at"))
                .as("held with its disabled endpoint, not due")
                .isNull();

        ApiClient.expect(200, api().patch("/api/v1/webhooks/endpoints/" + endpoint, key, "{\"status\":\"active\"}"));
        assertThat(queue.claimDue("node-b", clock.millis(), clock.millis() + LEASE, 10, Set.of()))
                .extracting(ClaimedDelivery::id)
                .containsExactly(claimed.get(0).id());
    }

    @Test
    void aDeliveryInFlightWhileItsEndpointIsDisabledAndEnabledAgainIsLeftToItsAttempt() {
        String endpoint = endpoints(1).getFirst();
        publish(1);
        ClaimedDelivery inFlight =
                queue.claimDue("node-a", now, now + LEASE, 10, Set.of()).getFirst();
        ApiClient.expect(200, api().patch("/api/v1/webhooks/endpoints/" + endpoint, key, "{\"status\":\"disabled\"}"));
        ApiClient.expect(200, api().patch("/api/v1/webhooks/endpoints/" + endpoint, key, "{\"status\":\"active\"}"));

        assertThat(queue.claimDue("node-b", clock.millis(), clock.millis() + LEASE, 10, Set.of()))
                .as("its lease still keeps other claims off it")
                .isEmpty();
        long at = clock.millis();
        assertThat(queue.resolveAll(
                        List.of(new AttemptOutcome(inFlight, "node-a", failure(at), NextStep.retryAt(at + 5_000))), at))
                .containsExactly(true);
        assertThat(((Number) deliveryRow(inFlight.id()).get("next_attempt_at")).longValue())
                .as("enabled again: its retry is due as scheduled")
                .isEqualTo(at + 5_000);
        assertThat(queue.claimDue("node-b", at + 5_000, at + 5_000 + LEASE, 10, Set.of()))
                .extracting(ClaimedDelivery::id)
                .containsExactly(inFlight.id());
    }

    @Test
    void aLeaseGivenBackAfterItsEndpointWasDisabledLeavesTheDeliveryHeld() {
        String endpoint = endpoints(1).getFirst();
        publish(1);
        ClaimedDelivery inFlight =
                queue.claimDue("node-a", now, now + LEASE, 10, Set.of()).getFirst();
        ApiClient.expect(200, api().patch("/api/v1/webhooks/endpoints/" + endpoint, key, "{\"status\":\"disabled\"}"));

        // The node stops before attempting it (a graceful shutdown gives back every lease it holds).
        assertThat(queue.releaseAll("node-a")).isEqualTo(1);

        Map<String, Object> row = deliveryRow(inFlight.id());
        assertThat(row.get("lease_owner")).isNull();
        assertThat(row.get("next_attempt_at"))
                .as("still held with its disabled endpoint, not due")
                .isNull();
        assertThat(row.get("state")).isEqualTo("held");
        ApiClient.expect(200, api().patch("/api/v1/webhooks/endpoints/" + endpoint, key, "{\"status\":\"active\"}"));
        assertThat(queue.claimDue("node-b", clock.millis(), clock.millis() + LEASE, 10, Set.of()))
                .extracting(ClaimedDelivery::id)
                .containsExactly(inFlight.id());
    }
}

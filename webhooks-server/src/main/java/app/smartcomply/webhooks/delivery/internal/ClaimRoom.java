package app.smartcomply.webhooks.delivery.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * How many more deliveries each endpoint may take in one claim — what keeps a claim from leasing
 * work this node would only have to give back — and which endpoints are paused on this node.
 *
 * @param full endpoints with no room at all, left out of the claim query itself
 * @param roomFor room of any other endpoint (at least 1)
 * @param paused endpoints whose deliveries are not to be attempted yet (paused on this node, or
 *     probing with their one probe out), each with when they may be: a claim keeps the first due
 *     delivery it comes across of each such endpoint for that time — the one to probe the endpoint
 *     with then — instead of leasing it
 * @param parkUntil where a claim moves the paused endpoints' other due deliveries: far enough ahead
 *     (the longest pause) that a dead endpoint's backlog is not moved again at every probe; the
 *     endpoint's recovery makes them due at once ({@link DeliveryQueue#releaseParked})
 * @param gate the last word on what a claim leases: drops the picked deliveries of rate-limited
 *     endpoints beyond the sends they may make now ({@link EndpointRates}); they stay due, untouched
 */
record ClaimRoom(Set<String> full, ToIntFunction<String> roomFor, Map<String, Long> paused, long parkUntil, Gate gate) {

    /** Which of the deliveries a claim is about to lease it may lease now. */
    @FunctionalInterface
    interface Gate {
        Gate OPEN = (due, now) -> due;

        List<DueCandidates.Due> admit(List<DueCandidates.Due> due, long now);
    }

    ClaimRoom {
        full = Set.copyOf(full);
        paused = Map.copyOf(paused);
    }

    ClaimRoom(Set<String> full, ToIntFunction<String> roomFor, Map<String, Long> paused, long parkUntil) {
        this(full, roomFor, paused, parkUntil, Gate.OPEN);
    }

    ClaimRoom(Set<String> full, ToIntFunction<String> roomFor) {
        this(full, roomFor, Map.of(), 0);
    }

    /** How many of the endpoint's due deliveries a claim may take: all of a paused endpoint's. */
    int roomOf(String endpointId) {
        return paused.containsKey(endpointId) ? Integer.MAX_VALUE : roomFor.applyAsInt(endpointId);
    }

    /** No limit per endpoint, and none at all for the listed ones. */
    static ClaimRoom unlimitedExcept(Collection<String> excluded) {
        return new ClaimRoom(Set.copyOf(excluded), endpointId -> Integer.MAX_VALUE);
    }
}

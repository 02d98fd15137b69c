package app.smartcomply.webhooks.delivery.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each endpoint's share of this node: how many attempts it has in flight, how many more it may
 * start, and whether it is paused on this node instead ({@link EndpointPauses}).
 *
 * <p>An endpoint may have {@code cap} attempts in flight, or one while it is probing after a pause.
 * Its deliveries wait while it is paused, and while its one probe is in flight: to a claim, both
 * are a pause ({@link ClaimRoom#paused}).
 *
 * <p>Thread-safe: slots are taken and given back from many threads at once.
 */
final class EndpointRoom {

    private final int cap;
    private final long probeHoldMs;
    private final EndpointPauses pauses;
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    /**
     * @param cap attempts one endpoint may have in flight on this node
     * @param probeHold how long deliveries wait while a probe is in flight: the send timeout, by when
     *     the probe has decided
     */
    EndpointRoom(int cap, Duration probeHold, EndpointPauses pauses) {
        this.cap = cap;
        this.probeHoldMs = probeHold.toMillis();
        this.pauses = pauses;
    }

    /** Takes one of the endpoint's slots, if it has a free one. */
    boolean tryTake(String endpointId, long now) {
        int endpointCap = capFor(endpointId, now);
        boolean[] taken = {false};
        inFlight.compute(endpointId, (id, count) -> {
            int current = count == null ? 0 : count;
            if (current >= endpointCap) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    /**
     * Gives back one of the endpoint's slots.
     *
     * @return whether the endpoint has fallen to the refill mark (half its cap), so a claim should
     *     top it up; see {@link DeliveryEngine}
     */
    boolean giveBack(String endpointId) {
        Integer left = inFlight.computeIfPresent(endpointId, (id, count) -> count <= 1 ? null : count - 1);
        return (left == null ? 0 : left) <= cap - Math.max(1, cap / 2);
    }

    /**
     * Until when an endpoint's deliveries wait instead of being attempted: the end of its pause, or,
     * while its one probe is in flight, {@code probeHold} from now — by then the probe has decided
     * (a failure pauses the endpoint again; a success lets everything through).
     *
     * @return 0 if they may be attempted now
     */
    long pausedUntil(String endpointId, long now) {
        long pausedUntil = pauses.pausedUntil(endpointId, now);
        if (pausedUntil > 0) {
            return pausedUntil;
        }
        if (probeInFlight(endpointId, now)) {
            return now + probeHoldMs;
        }
        return 0;
    }

    /**
     * Each endpoint's free slots — claims never lease more than can start at once — and the endpoints
     * paused on this node: a claim moves their due deliveries to the end of the pause rather than
     * leave them at the head of the queue, where every claim would read past them.
     */
    ClaimRoom claimRoom(long now) {
        Map<String, Long> paused = new HashMap<>(pauses.pausedAt(now));
        Map<String, Integer> counts = Map.copyOf(inFlight);
        Set<String> full = new HashSet<>();
        counts.forEach((endpointId, count) -> {
            if (paused.containsKey(endpointId)) {
                return;
            }
            long probing = pausedUntil(endpointId, now);
            if (probing > 0) {
                paused.put(endpointId, probing);
            } else if (count >= cap) {
                full.add(endpointId);
            }
        });
        return new ClaimRoom(
                full,
                endpointId -> capFor(endpointId, now) - counts.getOrDefault(endpointId, 0),
                paused,
                now + pauses.maxPauseMs());
    }

    /**
     * One attempt to the endpoint is done; its outcome tells whether the endpoint is failing.
     *
     * @return what the attempt changed: whether a success ended the endpoint's pauses (its parked
     *     deliveries are to be released), or the pause a failure began
     */
    AfterAttempt attempted(String endpointId, boolean succeeded, long now) {
        if (succeeded) {
            return new AfterAttempt(pauses.succeeded(endpointId), null);
        }
        return new AfterAttempt(false, pauses.failed(endpointId, now));
    }

    /**
     * @param recovered a success ended the endpoint's pauses: release its parked deliveries
     * @param pauseBegan the pause a failure began, or null
     */
    record AfterAttempt(boolean recovered, EndpointPauses.PauseBegan pauseBegan) {

        /** An attempt that tells nothing of the endpoint's health (a rate-limited endpoint's 429). */
        static final AfterAttempt NOTHING = new AfterAttempt(false, null);
    }

    /**
     * Where a new delivery that got no room waits: due now; while the endpoint is paused, the first
     * of each pause due at the pause's end and the others parked ({@link
     * EndpointPauses#waitOfNewDelivery}); while its probe is in flight, parked too.
     */
    DirectDispatch.Wait waitOfNewDelivery(String endpointId, String deliveryId, long now) {
        DirectDispatch.Wait wait =
                pauses.waitOfNewDelivery(endpointId, deliveryId, now, probeInFlight(endpointId, now));
        return wait != null ? wait : new DirectDispatch.Wait(now, false);
    }

    /** Whether the endpoint is probing and its one probe is being attempted right now. */
    private boolean probeInFlight(String endpointId, long now) {
        return pauses.probing(endpointId, now) && inFlight.getOrDefault(endpointId, 0) > 0;
    }

    /**
     * Lifts the endpoint's pause: someone says it is fixed.
     *
     * @return whether it was paused or probing: its parked deliveries are to be released
     */
    boolean resume(String endpointId) {
        return pauses.succeeded(endpointId);
    }

    /** Whether the endpoint has been paused since its last success (and may have parked deliveries). */
    boolean pausing(String endpointId) {
        return pauses.pausing(endpointId);
    }

    private int capFor(String endpointId, long now) {
        return pauses.probing(endpointId, now) ? 1 : cap;
    }
}

package app.smartcomply.webhooks.delivery.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pauses, on this node, endpoints that fail every attempt — a circuit breaker per endpoint.
 *
 * <p>An endpoint that is down (timing out, refusing, answering 5xx) would otherwise get an attempt
 * for every new event and every retry coming due, each of them doomed: hundreds a second for a
 * busy account, all paid for in CPU, connections and store writes shared with the healthy
 * endpoints — and hammering a receiver that is trying to come back up. So once an endpoint has
 * failed {@code pauseAfterFailures} attempts in a row on this node, it is <em>paused</em>: its
 * deliveries are not attempted but wait, without using up any of their attempts (see {@link
 * EndpointRoom} for where they wait). When the pause is over the endpoint is <em>probing</em>: one
 * attempt at a time, a real delivery. A success ends it all at once; a failure pauses it again,
 * for twice as long, up to {@code maxPause}.
 *
 * <p>Per node and in memory, like the per-endpoint concurrency cap: every node learns an
 * endpoint's health from its own attempts, and a restart starts from healthy. Nothing is lost
 * either way — a pause only moves due times.
 *
 * <p>Thread-safe.
 */
final class EndpointPauses {

    private final int pauseAfterFailures;
    private final long firstPauseMs;
    private final long maxPauseMs;
    private final ConcurrentHashMap<String, Health> failing = new ConcurrentHashMap<>();

    /**
     * @param failuresInARow failed attempts since the last success (on this node)
     * @param pauses pauses since the last success; each is twice as long as the one before
     * @param pausedUntil end of the latest pause (epoch ms), 0 if never paused
     * @param probeWaits whether a new delivery was made due at the end of the latest pause, to probe
     *     the endpoint with
     * @param parkedDelivery one delivery this node parked since then, or null
     */
    private record Health(int failuresInARow, int pauses, long pausedUntil, boolean probeWaits, String parkedDelivery) {

        Health failedAgain(int failures) {
            return new Health(failures, pauses, pausedUntil, probeWaits, parkedDelivery);
        }

        Health probeWaiting() {
            return new Health(failuresInARow, pauses, pausedUntil, true, parkedDelivery);
        }

        Health parked(String deliveryId) {
            return new Health(failuresInARow, pauses, pausedUntil, probeWaits, deliveryId);
        }
    }

    /**
     * A new pause began: the delivery to keep for its end (the probe), if a parked one is known.
     *
     * @param pausedUntil the end of the new pause
     * @param parkedDelivery one delivery parked during the pause before, or null
     */
    record PauseBegan(long pausedUntil, String parkedDelivery) {}

    /**
     * @param pauseAfterFailures failures in a row that pause an endpoint; 0 never pauses
     */
    EndpointPauses(int pauseAfterFailures, Duration firstPause, Duration maxPause) {
        if (pauseAfterFailures < 0) {
            throw new IllegalArgumentException("pauseAfterFailures must be 0 (never) or more");
        }
        this.pauseAfterFailures = pauseAfterFailures;
        this.firstPauseMs = firstPause.toMillis();
        this.maxPauseMs = Math.max(firstPauseMs, maxPause.toMillis());
    }

    /** @return when the endpoint's pause ends, or 0 if it is not paused at {@code now} */
    long pausedUntil(String endpointId, long now) {
        Health health = failing.get(endpointId);
        return health != null && health.pausedUntil() > now ? health.pausedUntil() : 0;
    }

    /** Whether the endpoint's pause is over but no attempt has succeeded since: one attempt at a time. */
    boolean probing(String endpointId, long now) {
        Health health = failing.get(endpointId);
        return health != null && health.pauses() > 0 && health.pausedUntil() <= now;
    }

    /** Endpoints paused at {@code now}, with the end of each pause. */
    Map<String, Long> pausedAt(long now) {
        Map<String, Long> paused = new HashMap<>();
        failing.forEach((endpointId, health) -> {
            if (health.pausedUntil() > now) {
                paused.put(endpointId, health.pausedUntil());
            }
        });
        return paused;
    }

    /**
     * An attempt succeeded, or someone says the endpoint is fixed: it is healthy again.
     *
     * @return whether this ended a run of pauses (deliveries of the endpoint may be parked)
     */
    boolean succeeded(String endpointId) {
        Health health = failing.remove(endpointId);
        return health != null && health.pauses() > 0;
    }

    /** Whether the endpoint has been paused since its last success: paused now, or probing. */
    boolean pausing(String endpointId) {
        Health health = failing.get(endpointId);
        return health != null && health.pauses() > 0;
    }

    /** The longest pause: how far ahead a paused endpoint's waiting deliveries are parked. */
    long maxPauseMs() {
        return maxPauseMs;
    }

    /**
     * An attempt failed at {@code now}. Attempts that were already in flight when the endpoint was
     * paused change nothing: they are the failures that paused it.
     *
     * @return the pause this failure began, or null if it began none
     */
    PauseBegan failed(String endpointId, long now) {
        if (pauseAfterFailures == 0) {
            return null;
        }
        PauseBegan[] began = {null};
        failing.compute(endpointId, (id, health) -> {
            if (health == null) {
                health = new Health(0, 0, 0, false, null);
            } else if (health.pausedUntil() > now) {
                return health;
            }
            int failures = health.failuresInARow() + 1;
            if (failures < pauseAfterFailures) {
                return health.failedAgain(failures);
            }
            int pauses = health.pauses() + 1;
            long pause = firstPauseMs << Math.min(pauses - 1, 30);
            long until = now + Math.min(maxPauseMs, pause);
            began[0] = new PauseBegan(until, health.parkedDelivery());
            return new Health(failures, pauses, until, false, null);
        });
        return began[0];
    }

    /**
     * Where a new delivery with no room waits, if its endpoint is pausing. While it is paused, the
     * first new delivery of each pause is due when the pause ends, to probe the endpoint with, and
     * the others are parked until the pauses are over; while its probe is in flight, new deliveries
     * are parked too. Without parking, every delivery published during a pause came due at its end
     * and a claim had to park them then — for a busy endpoint, thousands of rows rewritten in a burst
     * at every pause's end, on the store's one writer (SQLite) ahead of every publish.
     *
     * @param probeInFlight whether the endpoint's probe is being attempted right now
     * @return the wait, or null if the delivery need not wait for the endpoint's pauses: it is not
     *     pausing, or its pause is over and no probe is out (the delivery can be the probe)
     */
    DirectDispatch.Wait waitOfNewDelivery(String endpointId, String deliveryId, long now, boolean probeInFlight) {
        DirectDispatch.Wait[] wait = {null};
        failing.computeIfPresent(endpointId, (id, health) -> {
            boolean paused = health.pauses() > 0 && health.pausedUntil() > now;
            boolean probing = health.pauses() > 0 && health.pausedUntil() <= now;
            if (paused && !health.probeWaits()) {
                wait[0] = new DirectDispatch.Wait(health.pausedUntil(), false);
                return health.probeWaiting();
            }
            if (paused || (probing && probeInFlight)) {
                wait[0] = new DirectDispatch.Wait(now + maxPauseMs, true);
                return health.parked(deliveryId);
            }
            return health;
        });
        return wait[0];
    }
}

package app.smartcomply.webhooks.delivery.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Rate limits per endpoint ({@code rate_limit.per_second}) on this node: an endpoint limited to N
 * is never sent more than N requests in any one-second window, however large its backlog, and the
 * other endpoints are not slowed by it.
 *
 * <p>How: a GCRA limiter per endpoint ({@link RateBuckets}) with a burst of N/20 (at least 1) and
 * the sends after a burst spaced so that the burst plus one window's spaced sends is at most N — a
 * sliding guarantee, not calendar seconds that would let 2N through across a boundary. The window
 * is taken as {@value #WINDOW_US} µs, 10 % more than a second, so that the time between a send
 * starting and its request arriving — which varies by tens of milliseconds on a loaded machine —
 * cannot push extra requests into some second at the receiver: with 2 % the bench's sink saw 104 in
 * one second at a limit of 100. The sustained rate is then about 0.87 N–0.9 N.
 *
 * <p>Where: in the claim. A limited endpoint whose next send is not due yet is left out of the
 * claim like an endpoint at its concurrency cap ({@link ClaimRoom#full}); otherwise its room is at
 * most its burst, and just before the lease the claim's picks of it are cut to the sends its
 * bucket grants now ({@link ClaimRoom#gate}) — the rest are not leased at all and stay due. So no
 * delivery is leased to wait for a token, and no attempt is used up waiting. A timer wakes the
 * dispatcher when an endpoint with a backlog may send again. New deliveries of a limited endpoint
 * are never handed straight to the sender ({@link #limited}): the claim is the one way out.
 *
 * <p>A 429 from a limited endpoint ({@link #throttled}): the endpoint sends nothing for the
 * receiver's {@code Retry-After} (at least {@value #MIN_BACKOFF_MS} ms, at most {@value
 * #MAX_BACKOFF_MS} ms), its rate is halved (down to a sixteenth), and the rate doubles back every
 * {@value #RECOVERY_STEP_MS} ms without another 429. The delivery is due again when the pause ends,
 * without using up a step of its retry schedule ({@link AttemptPlanner}). The pause goes into the
 * bucket at this node's next claim, so on PostgreSQL every node keeps it; the slower rate is this
 * node's own.
 *
 * <p>Which endpoints are limited is read from the store at most every {@value #REFRESH_MS} ms, and
 * at once when a limit is changed on this node ({@link #refresh}); an endpoint without a limit costs
 * a claim one map lookup. On PostgreSQL the buckets are shared rows, so the limit holds across
 * nodes. Last, each send takes its turn in a log of the endpoint's last N sends on this node
 * ({@link #awaitTurn}, {@link SendTimes}): what was reserved on time but leased late cannot bunch
 * up with the next sends. Thread-safe.
 */
final class EndpointRates {

    static final long WINDOW_US = 1_100_000;
    static final long REFRESH_MS = 1_000;
    static final long MIN_BACKOFF_MS = 1_000;
    static final long MAX_BACKOFF_MS = 300_000;
    static final long RECOVERY_STEP_MS = 5_000;
    static final int MAX_SLOWDOWN = 4;

    private final Supplier<Map<String, Integer>> source;
    private final RateBuckets buckets;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Runnable wake;

    private volatile Map<String, Integer> limits = Map.of();
    /** When the limits were last read (epoch ms); far enough in the past that the first claim reads them. */
    private volatile long refreshedAt = Long.MIN_VALUE / 2;

    private final ConcurrentHashMap<String, Local> local = new ConcurrentHashMap<>();
    private final SendTimes sends = new SendTimes(WINDOW_US / 1_000);
    /** When the pending timer wakes the dispatcher (epoch ms), or Long.MAX_VALUE. */
    private final AtomicLong wakeAt = new AtomicLong(Long.MAX_VALUE);

    /**
     * @param source every endpoint with a limit, and its requests per second
     * @param wake wakes this node's dispatcher
     */
    EndpointRates(
            Supplier<Map<String, Integer>> source,
            RateBuckets buckets,
            Clock clock,
            ScheduledExecutorService timer,
            Runnable wake) {
        this.source = source;
        this.buckets = buckets;
        this.clock = clock;
        this.timer = timer;
        this.wake = wake;
    }

    /** The limiter's parameters at a rate, and the burst: the most sends one claim may take. */
    record Limit(RateBuckets.Gcra gcra, int burst) {

        static Limit of(int perSecond) {
            int burst = Math.max(1, perSecond / 20);
            long interval = Math.ceilDiv(WINDOW_US, perSecond - burst + 1);
            return new Limit(new RateBuckets.Gcra(interval, (burst - 1) * interval), burst);
        }
    }

    /** Whether the endpoint has a rate limit: one map lookup. */
    boolean limited(String endpointId) {
        return limits.containsKey(endpointId);
    }

    /** Reads which endpoints are limited now: a limit was changed on this node. */
    void refresh() {
        Map<String, Integer> current = Map.copyOf(source.get());
        limits = current;
        refreshedAt = clock.millis();
        local.keySet().retainAll(current.keySet());
        sends.retainAll(current.keySet());
    }

    /**
     * Waits, if it must, until a send to the endpoint keeps to its limit at the moment it is made
     * ({@link SendTimes}); at once for an endpoint without a limit. Runs on the attempt's virtual
     * thread, just before the request.
     */
    void awaitTurn(String endpointId) {
        Integer perSecond = limits.get(endpointId);
        if (perSecond == null) {
            return;
        }
        long now = clock.millis();
        // The limit itself, not a 429's slower rate: the bucket spaces those sends out already.
        long wait = sends.book(endpointId, perSecond, now) - now;
        if (wait > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(wait * 1_000_000);
        }
    }

    /**
     * The claim room with the rate limits applied: limited endpoints that may not send yet are left
     * out, the others get at most their burst, and the gate cuts the picks to what their buckets
     * grant. Unchanged when no endpoint is limited.
     */
    ClaimRoom limit(ClaimRoom room, long now) {
        if (now - refreshedAt >= REFRESH_MS || now < refreshedAt) {
            refresh();
        }
        Map<String, Integer> current = limits;
        if (current.isEmpty()) {
            return room;
        }
        long nowUs = now * 1_000;
        Set<String> full = new HashSet<>(room.full());
        current.forEach((id, perSecond) -> {
            Local l = local.get(id);
            if (l != null && l.takeUnsharedFloor()) {
                // A 429's pause, into the bucket at once: the other nodes stop sending too.
                buckets.take(id, limitOf(id, perSecond, now).gcra(), 0, nowUs, l.floorUs());
            }
            if (l != null && l.nextSendUs() > nowUs) {
                full.add(id);
            }
        });
        ToIntFunction<String> roomFor = id -> {
            Integer perSecond = current.get(id);
            int slots = room.roomFor().applyAsInt(id);
            return perSecond == null
                    ? slots
                    : Math.min(slots, limitOf(id, perSecond, now).burst());
        };
        Map<String, Long> paused = room.paused();
        return new ClaimRoom(full, roomFor, paused, room.parkUntil(), (due, at) -> admit(due, current, paused, at));
    }

    /** The picks a claim may lease: of each limited endpoint, as many as its bucket grants now. */
    private List<DueCandidates.Due> admit(
            List<DueCandidates.Due> due, Map<String, Integer> current, Map<String, Long> paused, long now) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (DueCandidates.Due d : due) {
            // A paused endpoint's picks are kept or parked, not leased: no send to count.
            if (current.containsKey(d.endpointId()) && !paused.containsKey(d.endpointId())) {
                wanted.merge(d.endpointId(), 1, Integer::sum);
            }
        }
        if (wanted.isEmpty()) {
            return due;
        }
        Map<String, Integer> left = new HashMap<>();
        wanted.forEach((id, count) -> left.put(id, take(id, current.get(id), count, now)));
        List<DueCandidates.Due> admitted = new ArrayList<>(due.size());
        for (DueCandidates.Due d : due) {
            Integer n = left.get(d.endpointId());
            if (n == null) {
                admitted.add(d);
            } else if (n > 0) {
                admitted.add(d);
                left.put(d.endpointId(), n - 1);
            }
        }
        return admitted;
    }

    private int take(String endpointId, int perSecond, int wanted, long now) {
        Local l = local.computeIfAbsent(endpointId, id -> new Local());
        Limit limit = limitOf(endpointId, perSecond, now);
        RateBuckets.Grant grant = buckets.take(endpointId, limit.gcra(), wanted, now * 1_000, l.floorUs());
        long next = grant.nextSendUs(limit.gcra());
        // A backlog: it had more than it may send, or as many as one claim takes; wake up for the rest.
        boolean backlog = grant.granted() < wanted || wanted >= limit.burst();
        l.sendsFrom(next);
        if (backlog) {
            wakeAt(next);
        }
        return grant.granted();
    }

    /**
     * An attempt to the endpoint was answered; if it was a 429 and the endpoint is limited, slows
     * the endpoint down (see the class comment).
     *
     * @return when the throttled delivery is due again (epoch ms), or 0 if the answer was no 429 of
     *     a limited endpoint
     */
    long throttled(String endpointId, AttemptResult result, long now) {
        Integer status = result.status();
        Integer perSecond = limits.get(endpointId);
        if (status == null || status != 429 || perSecond == null) {
            return 0;
        }
        long wait = result.retryAfter()
                .map(Duration::toMillis)
                .map(ms -> Math.min(MAX_BACKOFF_MS, Math.max(MIN_BACKOFF_MS, ms)))
                .orElse(MIN_BACKOFF_MS);
        long until = now + wait;
        Local l = local.computeIfAbsent(endpointId, id -> new Local());
        l.throttled(now, until * 1_000, perSecond);
        wakeAt(until * 1_000);
        return until;
    }

    private Limit limitOf(String endpointId, int perSecond, long now) {
        return Limit.of(Math.max(1, perSecond >> slowdownOf(endpointId, now)));
    }

    private int slowdownOf(String endpointId, long now) {
        Local l = local.get(endpointId);
        return l == null ? 0 : l.slowdown(now);
    }

    /** Wakes the dispatcher at {@code atUs}, unless an earlier wake-up is already set. */
    private void wakeAt(long atUs) {
        long atMs = Math.ceilDiv(atUs, 1_000);
        long now = clock.millis();
        long pending = wakeAt.get();
        if (pending <= atMs && pending > now) {
            return;
        }
        wakeAt.set(atMs);
        timer.schedule(
                () -> {
                    wakeAt.compareAndSet(atMs, Long.MAX_VALUE);
                    wake.run();
                },
                Math.max(1, atMs - now),
                TimeUnit.MILLISECONDS);
    }

    /** This node's view of one limited endpoint. */
    private static final class Local {
        /** When the endpoint may send again, as this node last learnt it (µs). */
        private long nextSendUs;
        /** A 429's pause: the bucket's tat is raised to this at the next take (µs). */
        private long floorUs;

        private long pauseEndUs;
        /** Whether {@link #floorUs} is yet to be written into the bucket. */
        private boolean floorUnshared;
        /** The rate is halved this many times, as of the last 429. */
        private int slowdown;

        private long last429Ms;

        synchronized long nextSendUs() {
            return nextSendUs;
        }

        synchronized long floorUs() {
            return floorUs;
        }

        /** Whether a 429's pause is yet to be written into the bucket; it is, from now on. */
        synchronized boolean takeUnsharedFloor() {
            boolean unshared = floorUnshared;
            floorUnshared = false;
            return unshared;
        }

        synchronized void sendsFrom(long us) {
            nextSendUs = Math.max(us, pauseEndUs);
        }

        /** Halvings in force at {@code now}: one undone per {@link #RECOVERY_STEP_MS} without a 429. */
        synchronized int slowdown(long now) {
            return (int) Math.max(0, slowdown - Math.max(0, now - last429Ms) / RECOVERY_STEP_MS);
        }

        /** A 429: pause until {@code untilUs}; halve the rate, once per pause (not per 429 of a burst). */
        synchronized void throttled(long now, long untilUs, int perSecond) {
            if (pauseEndUs <= now * 1_000) {
                slowdown = Math.min(MAX_SLOWDOWN, slowdown(now) + 1);
                last429Ms = now;
            }
            Limit slower = Limit.of(Math.max(1, perSecond >> slowdown));
            pauseEndUs = Math.max(pauseEndUs, untilUs);
            floorUs = Math.max(floorUs, untilUs + slower.gcra().tauUs());
            floorUnshared = true;
            nextSendUs = Math.max(nextSendUs, untilUs);
        }
    }
}

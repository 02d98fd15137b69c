package app.smartcomply.webhooks.delivery.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads which due deliveries a claim should take: the oldest, fairly across endpoints, within a
 * bounded window, and without repeating a read that just found nothing. Only reads, through
 * {@link DeliverySql}: leasing, keeping and parking what it picks is {@link JdbcDeliveryQueue}'s.
 *
 * <p>Thread-safe: every read is a statement of its own; the memory of empty reads is {@link
 * FruitlessReads}', the rate limit of reads past the window an atomic.
 */
final class DueCandidates {

    /** Most due rows one read looks through, whatever their endpoint. */
    static final int WINDOW = 20_000;
    /** Rounds of {@link #pick} reading past endpoints that used up their room. */
    private static final int MAX_READS = 8;

    static final long UNBOUNDED_CHECK_INTERVAL_MS = 2_000;
    private final AtomicLong lastUnboundedCheck = new AtomicLong(Long.MIN_VALUE / 2);
    /** How long an empty read with endpoints left out spares the claims after it the same read. */
    static final long FRUITLESS_READ_MEMORY_MS = 1_000;

    private final FruitlessReads fruitlessReads = new FruitlessReads(FRUITLESS_READ_MEMORY_MS);

    private final DeliverySql sql;

    DueCandidates(DeliverySql sql) {
        this.sql = sql;
    }

    /**
     * The oldest due, unleased deliveries of active endpoints with room, at most their room each.
     *
     * <p>Fair: the oldest due rows may all belong to a few endpoints with a backlog (failing ones
     * whose retries keep coming due, or busy ones at their cap). Endpoints at their cap are left out
     * in SQL, and once an endpoint's room is used up the next read leaves it out too, so one
     * endpoint's backlog cannot hide another endpoint's delivery.
     *
     * <p>Bounded: each read looks through at most the {@value #WINDOW} oldest due rows. "The oldest
     * due rows of endpoints not in this list" alone is an unbounded scan when the head of the queue
     * belongs to the listed ones — with a million-row backlog each claim read it all. When the window
     * held nothing the claim can use and it left endpoints out, the window may be all theirs — the
     * backlog of an endpoint at its cap, as long as it likes. Where the store indexes each endpoint's
     * due rows (PostgreSQL), the claim then reads per endpoint ({@link DeliverySql#dueOfEndpoints}). Otherwise
     * (SQLite) — and where it left nothing out and still found nothing, when the window can only hold
     * the few deliveries of a disabled endpoint that were in flight as it was switched off (the rest
     * are not due at all: {@link HoldDeliveriesOfDisabledEndpoint}) — the claim reads past the window,
     * every few seconds at most. So on SQLite a backlog at its cap longer than the window slows
     * claims for everyone else to one read past it every few seconds: the index that would prevent
     * it slowed every write of the store's one writer more than that is worth.
     *
     * <p>Not repeated for nothing: a read that leaves endpoints out and finds nothing walked the
     * whole window; for {@value #FRUITLESS_READ_MEMORY_MS} ms after it, reads that leave out the same
     * endpoints or more are skipped ({@link FruitlessReads}); and no read is made at all when it
     * would leave out every active endpoint.
     */
    List<Due> pick(long now, int limit, ClaimRoom room) {
        Set<String> excluded = new HashSet<>(room.full());
        Map<String, Integer> taken = new HashMap<>();
        // By id: a later round reads from the head again, and may return rows an earlier one picked.
        Map<String, Due> picked = new LinkedHashMap<>();
        for (int read = 0; read < MAX_READS && picked.size() < limit; read++) {
            if (fruitlessReads.canSkip(excluded, now) || !anyActiveEndpointBesides(excluded)) {
                break;
            }
            List<Due> due = readDue(now, limit, excluded, room, read == 0);
            if (due.isEmpty()) {
                break;
            }
            boolean roomRanOut = false;
            for (Due d : due) {
                if (picked.containsKey(d.id())) {
                    continue;
                }
                int already = taken.getOrDefault(d.endpointId(), 0);
                int endpointRoom = room.roomOf(d.endpointId());
                if (already < endpointRoom && picked.size() < limit) {
                    taken.put(d.endpointId(), ++already);
                    picked.put(d.id(), d);
                }
                if (already >= endpointRoom && excluded.add(d.endpointId())) {
                    roomRanOut = true;
                }
            }
            // Another read only helps if this one was cut short by the limit and skipped rows of
            // endpoints that are now left out.
            if (due.size() < limit || !roomRanOut) {
                break;
            }
        }
        return List.copyOf(picked.values());
    }

    /** A due delivery a claim may take. */
    record Due(String id, String endpointId) {}

    /**
     * One read of due rows for {@link #pick}, noted in {@link #fruitlessReads}. A read that finds
     * nothing in the window reads again per endpoint if it left endpoints out and the store can
     * ({@link DeliverySql#dueOfEndpoints}); otherwise the first read of a claim reads past the window, if that
     * is allowed now ({@link #unboundedReadAllowed}).
     */
    private List<Due> readDue(long now, int limit, Set<String> excluded, ClaimRoom room, boolean firstRead) {
        long version = fruitlessReads.readStarted();
        boolean foundNothing = false;
        try {
            List<Due> due = sql.dueRows(now, limit, excluded, WINDOW);
            if (due.isEmpty() && sql.readsDuePerEndpoint() && !excluded.isEmpty()) {
                // Cost grows with the number of active endpoints, not with the backlogs of those left out:
                // only the fallback for a window they fill.
                due = sql.dueOfEndpoints(now, limit, excluded, room::roomOf);
            } else if (due.isEmpty() && firstRead && unboundedReadAllowed(now)) {
                due = sql.dueRows(now, limit, excluded, 0);
            }
            foundNothing = due.isEmpty();
            return due;
        } finally {
            fruitlessReads.readFinished(excluded, foundNothing, now, version); // a failed read proves nothing
        }
    }

    /**
     * Whether any active endpoint is not among {@code excluded}. When none is, every due row belongs
     * to an endpoint the claim leaves out, and a read would walk the whole window — or, past it, the
     * whole backlog — to find nothing. With a few busy endpoints all at their cap, that was most
     * reads.
     */
    private boolean anyActiveEndpointBesides(Set<String> excluded) {
        return excluded.isEmpty() || sql.anyActiveEndpointBesides(excluded);
    }

    /**
     * At most one read past the window every {@value #UNBOUNDED_CHECK_INTERVAL_MS} ms: with a large
     * backlog it reads all of it (230 ms for 300,000 due rows on PostgreSQL), and a claim that finds
     * nothing is common — an idle queue, or every endpoint with a backlog at its cap. It only has to
     * come soon enough that nothing waits long behind a window it cannot use. (When fewer rows than a
     * window are due, it reads no more than the bounded read did.)
     */
    private boolean unboundedReadAllowed(long now) {
        long last = lastUnboundedCheck.get();
        return (now - last >= UNBOUNDED_CHECK_INTERVAL_MS || now < last) && lastUnboundedCheck.compareAndSet(last, now);
    }

    /** Deliveries of these endpoints (empty: of any) were committed: see {@link FruitlessReads#workAdded}. */
    void workAdded(Collection<String> endpointIds) {
        fruitlessReads.workAdded(endpointIds);
    }
}

package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.store.AfterCommit;
import app.smartcomply.webhooks.store.GroupCommitter;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link DeliveryQueue} on either engine: when to run which statement of {@link DeliverySql}, and
 * in which transaction.
 */
final class JdbcDeliveryQueue implements DeliveryQueue {

    private final DeliverySql sql;
    private final TransactionTemplate tx;
    private final GroupCommitter commits;
    private final PrefixedIds ids;
    private final Clock clock;
    private final DueCandidates candidates;
    private final DeliveryLines lines;
    /** Wakes the engines for the deliveries an outcome made due in their lines; none until set. */
    private volatile DispatchSignal promotedSignal;

    JdbcDeliveryQueue(DeliverySql sql, TransactionTemplate tx, GroupCommitter commits, PrefixedIds ids, Clock clock) {
        this.sql = sql;
        this.tx = tx;
        this.commits = commits;
        this.ids = ids;
        this.clock = clock;
        this.candidates = new DueCandidates(sql);
        this.lines = new DeliveryLines(sql.template);
    }

    /** Wakes the engines through {@code signal} once a recorded outcome made its line's next delivery due. */
    void wakeForPromotedWith(DispatchSignal signal) {
        this.promotedSignal = signal;
    }

    /**
     * Two steps. A plain read picks the candidates ({@link DueCandidates}) — the oldest due deliveries
     * of endpoints with room, at most their room each — and takes no lock, so on SQLite it runs beside the writer.
     * Then one statement leases exactly those, each only if it is still free (another node may have
     * taken it since the read; on PostgreSQL rows another claimer holds are skipped, not waited
     * for). Only rows about to be attempted are ever written.
     */
    @Override
    public Claim claim(String owner, long now, long leaseExpiresAt, int limit, ClaimRoom room) {
        List<DueCandidates.Due> candidates = room.gate().admit(this.candidates.pick(now, limit, room), now);
        if (candidates.isEmpty()) {
            return Claim.NOTHING;
        }
        List<String> toLease = new ArrayList<>();
        Map<Long, List<String>> toKeep = new HashMap<>();
        List<String> toPark = new ArrayList<>();
        Set<String> probeKept = new HashSet<>();
        for (DueCandidates.Due due : candidates) {
            Long pausedUntil = room.paused().get(due.endpointId());
            if (pausedUntil == null) {
                toLease.add(due.id());
            } else if (probeKept.add(due.endpointId())) {
                // A paused endpoint's oldest waits for the end of the pause, to probe the endpoint with.
                toKeep.computeIfAbsent(pausedUntil, later -> new ArrayList<>()).add(due.id());
            } else {
                toPark.add(due.id());
            }
        }
        // Through the group committer: on SQLite every hot-path write then goes through one writer and
        // never waits in SQLite's sleep-and-retry busy handler for the write lock.
        return commits.execute(() -> {
            int setAside = 0;
            for (Map.Entry<Long, List<String>> keep : toKeep.entrySet()) {
                setAside += sql.keepForProbe(keep.getValue(), keep.getKey(), now);
            }
            if (!toPark.isEmpty()) {
                setAside += sql.park(toPark, Math.max(room.parkUntil(), now + 1), now);
            }
            return new Claim(lease(owner, now, leaseExpiresAt, toLease), setAside);
        });
    }

    private List<ClaimedDelivery> lease(String owner, long now, long leaseExpiresAt, List<String> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<String> leased = sql.lease(owner, now, leaseExpiresAt, candidates);
        return leased.isEmpty() ? List.of() : sql.loadLeased(leased, leaseExpiresAt);
    }

    /**
     * Says that deliveries of these endpoints (empty: of any) were committed for the claims to find
     * — a publish, a retry, another node's work — so an empty read from before may no longer stand
     * for the next claims ({@link DueCandidates#workAdded}).
     */
    void workAdded(Collection<String> endpointIds) {
        candidates.workAdded(endpointIds);
    }

    @Override
    public int releaseParked(String endpointId, long now) {
        return commits.execute(() -> sql.releaseParked(endpointId, now));
    }

    @Override
    public void keepParkedForProbe(String deliveryId, long until, long now) {
        commits.execute(() -> sql.keepParkedForProbe(deliveryId, until, now));
    }

    @Override
    public void release(Collection<String> deliveryIds, String owner) {
        defer(deliveryIds, owner, clock.millis());
    }

    @Override
    public void defer(Collection<String> deliveryIds, String owner, long dueAt) {
        if (deliveryIds.isEmpty()) {
            return;
        }
        commits.execute(() -> sql.giveBack(deliveryIds, owner, dueAt));
    }

    @Override
    public int releaseAll(String owner) {
        return sql.giveBackAll(owner, clock.millis());
    }

    /** Releases every lease of every owner: for a single-node store at start-up, where any lease is stale. */
    int releaseEveryLease() {
        return sql.giveBackEveryLease(clock.millis());
    }

    /**
     * The attempt rows and the delivery updates in one transaction — a few round trips and one
     * commit for the whole group ({@link DeliverySql#record}). An outcome that ended a delivery of
     * an ordered endpoint makes the next of its line due, in the same transaction ({@link
     * DeliveryLines#advance}); an unordered outcome runs no statement more.
     */
    @Override
    public List<Boolean> resolveAll(List<AttemptOutcome> outcomes, long now) {
        if (outcomes.isEmpty()) {
            return List.of();
        }
        List<AttemptOutcome> inIdOrder = outcomes.stream()
                .sorted(java.util.Comparator.comparing(
                        (AttemptOutcome o) -> o.delivery().id()))
                .toList();
        String[] attemptIds = new String[inIdOrder.size()];
        for (int i = 0; i < attemptIds.length; i++) {
            attemptIds[i] = ids.next("wha_");
        }
        boolean[] changed = tx.execute(status -> {
            boolean[] moved = ThrottledAttempts.counted(sql, inIdOrder, sql.record(inIdOrder, attemptIds, now));
            List<String> promoted = lines.advance(inIdOrder, moved, now);
            DispatchSignal signal = promotedSignal;
            if (!promoted.isEmpty() && signal != null) {
                AfterCommit.run(() -> signal.workAdded(promoted));
            }
            return moved;
        });
        Map<String, Boolean> byId = new HashMap<>();
        for (int i = 0; i < inIdOrder.size(); i++) {
            byId.put(inIdOrder.get(i).delivery().id(), changed[i]);
        }
        return outcomes.stream().map(o -> byId.get(o.delivery().id())).toList();
    }

    /** Pending deliveries and the age of the most overdue one, for the metrics. */
    QueueStats stats(long now) {
        return sql.queueStats(now);
    }

    /** Due deliveries waiting, and how long the oldest of them has waited (ms). */
    record QueueStats(long dueDepth, long oldestDueAgeMs) {}
}

package app.smartcomply.webhooks.delivery;

import app.smartcomply.webhooks.delivery.internal.ClaimedDelivery;
import app.smartcomply.webhooks.delivery.internal.DeliveryLines;
import app.smartcomply.webhooks.delivery.internal.DeliverySql;
import app.smartcomply.webhooks.delivery.internal.DeliveryState;
import app.smartcomply.webhooks.delivery.internal.DirectDispatch;
import app.smartcomply.webhooks.delivery.internal.DispatchSignal;
import app.smartcomply.webhooks.delivery.internal.NewDeliveries;
import app.smartcomply.webhooks.endpoint.Subscriber;
import app.smartcomply.webhooks.store.AfterCommit;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The intake of new deliveries: inserts a new event's deliveries inside the publishing unit of
 * work, and brokers their hand-off to this node's engine. Deliveries this node has room for are
 * inserted leased to it and started as soon as the unit has committed, without a claim ({@link
 * DirectDispatch}); if it does not commit, their room is given back. The others are left due for
 * the claims, and the engines are woken once the unit has committed — not before, or they would
 * look for rows they cannot see yet. The publisher only asks; the settling after the commit is
 * this class's own ({@link AfterCommit#settle}).
 *
 * <p>A delivery to an endpoint with ordered delivery takes its place in its line first ({@link
 * OrderedTargets}); behind an earlier pending delivery of the line it is inserted queued, and is
 * neither handed off nor due.
 */
@Component
public class DeliveryIntake {

    private final DeliverySql writes;
    private final PrefixedIds ids;
    private final DispatchSignal signal;
    private final ObjectProvider<DirectDispatch> localEngine;
    private final DeliveryLines lines;
    /** {@link #localEngine} once looked up: a bean lookup per publish cost 5 % of a request's CPU. */
    private volatile DirectDispatch resolvedEngine;

    DeliveryIntake(
            DeliverySql writes,
            PrefixedIds ids,
            DispatchSignal signal,
            ObjectProvider<DirectDispatch> localEngine,
            JdbcTemplate template) {
        this.lines = new DeliveryLines(template);
        this.writes = writes;
        this.ids = ids;
        this.signal = signal;
        this.localEngine = localEngine;
    }

    /**
     * One pending delivery per target, due now (or, for an endpoint paused on this node, when the
     * pause ends). Must run inside the publishing unit of work ({@link
     * app.smartcomply.webhooks.store.GroupCommitter#execute}) or transaction.
     *
     * @param startHere whether deliveries this node has room for are inserted leased to it and
     *     started once the unit commits; false leaves every delivery to the claims
     * @return the new deliveries' ids, one per target in the targets' order
     */
    public List<String> enqueue(EventToDeliver event, List<Subscriber> targets, boolean startHere) {
        if (targets.isEmpty()) {
            return List.of();
        }
        int count = targets.size();
        String[] deliveryIds = new String[count];
        String[] endpointIds = new String[count];
        boolean[] leased = new boolean[count];
        long[] nextAttemptAt = new long[count];
        String[] leaseOwners = new String[count];
        Long[] leaseExpiries = new Long[count];
        DeliveryState[] states = new DeliveryState[count];
        List<String> leftToClaims = new ArrayList<>(0);
        List<String> parked = new ArrayList<>(0);
        DirectDispatch dispatch = startHere ? engine() : DirectDispatch.NONE;
        long now = event.createdAt();
        String owner = null;
        long leaseExpiresAt = 0;
        // Ordered endpoints only: each delivery's line and place; null when no target is ordered.
        OrderedTargets ordered = OrderedTargets.of(event, targets, lines);
        for (int i = 0; i < count; i++) {
            String endpointId = targets.get(i).id();
            deliveryIds[i] = ids.next("whd_");
            endpointIds[i] = endpointId;
            if (ordered != null && ordered.behind(i)) {
                // Behind an earlier delivery of its line: neither handed off nor due, until that one ends.
                states[i] = DeliveryState.QUEUED;
                continue;
            }
            leased[i] = dispatch.reserve(endpointId);
            if (leased[i]) {
                if (owner == null) {
                    owner = dispatch.owner();
                    leaseExpiresAt = dispatch.leaseExpiresAt(now);
                }
                // Leased: due again only when the lease runs out, so no claim reads it meanwhile.
                nextAttemptAt[i] = leaseExpiresAt;
                leaseOwners[i] = owner;
                leaseExpiries[i] = leaseExpiresAt;
                states[i] = DeliveryState.LEASED;
            } else {
                // Not leased: due now, when its endpoint's pause on this node ends, or parked.
                DirectDispatch.Wait wait = dispatch.waitOfNew(endpointId, deliveryIds[i], now);
                nextAttemptAt[i] = wait.dueAt();
                if (wait.parked()) {
                    states[i] = DeliveryState.PARKED;
                    parked.add(endpointId);
                } else {
                    states[i] = DeliveryState.WAITING;
                    leftToClaims.add(endpointId);
                }
            }
        }
        try {
            NewDeliveries all = new NewDeliveries(
                    event.accountId(),
                    event.mode(),
                    event.id(),
                    event.type(),
                    now,
                    deliveryIds,
                    endpointIds,
                    nextAttemptAt,
                    leaseOwners,
                    leaseExpiries,
                    states);
            if (ordered == null) {
                writes.insert(all);
            } else {
                ordered.insert(all, writes);
            }
        } catch (RuntimeException e) {
            for (int i = 0; i < count; i++) {
                if (leased[i]) {
                    dispatch.unreserve(targets.get(i).id());
                }
            }
            throw e;
        }
        List<ClaimedDelivery> handedOff = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (leased[i]) {
                Subscriber target = targets.get(i);
                handedOff.add(new ClaimedDelivery(
                        deliveryIds[i],
                        event.accountId(),
                        event.id(),
                        event.type(),
                        target.id(),
                        target.url(),
                        0,
                        event.payload(),
                        event.traceparent(),
                        leaseExpiresAt,
                        ordered == null ? null : ordered.line(i),
                        0));
            }
        }
        if (!handedOff.isEmpty()) {
            // Committed: start them now. Not committed, or not known: give the room back — should the
            // rows exist after all, their leases run out and the claims attempt them.
            AfterCommit.settle(
                    () -> dispatch.startCommitted(handedOff),
                    () -> handedOff.forEach(delivery -> dispatch.unreserve(delivery.endpointId())));
        }
        if (!leftToClaims.isEmpty()) {
            AfterCommit.run(() -> signal.workAdded(leftToClaims));
        }
        if (!parked.isEmpty()) {
            AfterCommit.run(() -> dispatch.parkedCommitted(parked));
        }
        return List.of(deliveryIds);
    }

    /**
     * Lifts the endpoint's pause on this node, if it has one: someone asked for its deliveries to
     * be sent now (see {@link DirectDispatch#resume}).
     */
    public void resume(String endpointId) {
        engine().resume(endpointId);
    }

    /**
     * This node's engine. Looked up on first use, not injected: the engine is optional (an API-only
     * node has none), and it depends on beans that publish events themselves.
     */
    private DirectDispatch engine() {
        DirectDispatch engine = resolvedEngine;
        if (engine == null) {
            engine = localEngine.getIfAvailable(() -> DirectDispatch.NONE);
            resolvedEngine = engine;
        }
        return engine;
    }

    /**
     * Wakes the engines — this node's and, on PostgreSQL, every other node's — after the current
     * transaction commits, or now if there is none.
     */
    void wakeAfterCommit() {
        AfterCommit.run(() -> signal.workAdded(List.of()));
    }
}

package app.smartcomply.webhooks.delivery.internal;

import java.util.Collection;
import java.util.List;

/**
 * The store of deliveries as the engine sees it: a queue of due work that nodes lease, attempt and
 * resolve.
 *
 * <h2>Leases, not locks</h2>
 *
 * A node takes deliveries by writing its name and an expiry into them ({@link #claim}) in one
 * short transaction, and holds no database connection or transaction while it sends. The expiry
 * is longer than the send timeout, so a lease outlives its attempt unless its node died; then the
 * lease runs out and any node claims the delivery again. While leased, a delivery's due time is
 * its lease's expiry: the due index then holds only what is waiting, so a claim never reads past
 * the thousands of deliveries in flight to find work — and a lost lease is simply due again. Delivery is therefore at least once: a
 * node killed after the receiver answered but before {@link #resolveAll} committed causes one
 * duplicate, never a loss.
 *
 * <p>Every statement behind it is in {@link DeliverySql}; the states it moves deliveries between
 * are {@link DeliveryState}'s.
 *
 * <h2>Concurrency</h2>
 *
 * <ul>
 *   <li>{@link #claim} is atomic per delivery: two concurrent claims never both get the same
 *       delivery while its lease is live. PostgreSQL uses {@code FOR UPDATE SKIP LOCKED}, so
 *       claimers skip each other's rows instead of waiting; SQLite has one writer at a time.
 *   <li>{@link #resolveAll} applies only while the caller still holds the lease (owner matches); if
 *       the lease was lost (expired and re-claimed, or the delivery was cancelled) the attempt is
 *       still recorded, but the delivery's state is left to its new owner.
 *   <li>All methods are safe to call from many threads.
 * </ul>
 */
interface DeliveryQueue {

    /**
     * Leases up to {@code limit} deliveries that are pending, due at {@code now}, not leased by a
     * live lease, and whose endpoint is active — oldest due first, and at most {@code room} of them
     * per endpoint. Due deliveries of endpoints {@link ClaimRoom#paused paused} on this node that the
     * claim comes across are not leased but set aside — the oldest of each endpoint kept for its
     * probe, waiting until its endpoint's time, the others parked until {@link ClaimRoom#parkUntil}
     * (see {@link #releaseParked}); they count against {@code limit}.
     *
     * <p>Only deliveries that are returned are leased: none is taken and then given back because
     * its endpoint had no room, which with a backlog on a busy endpoint would rewrite hundreds of
     * rows to start one attempt.
     *
     * <p>A claim may find nothing although such deliveries exist, for a short while: after a claim
     * that left endpoints out found nothing, claims that leave out the same endpoints or more skip
     * the read for a second, unless deliveries of an endpoint that claim did not leave out were
     * announced meanwhile ({@link DispatchSignal#workAdded}); so a delivery that merely came due in the
     * store (a retry) may wait that long, on top of the engine's poll interval.
     *
     * @param room how many more deliveries each endpoint may take right now; an endpoint with room
     *     0 is left out of the query altogether (listed in {@link ClaimRoom#full})
     */
    Claim claim(String owner, long now, long leaseExpiresAt, int limit, ClaimRoom room);

    /** Gives back leases this owner holds without attempting them; they are due again at once. */
    void release(Collection<String> deliveryIds, String owner);

    /**
     * Gives back leases this owner holds without attempting them, and makes those deliveries due
     * only at {@code dueAt}: an endpoint paused on this node. Uses up none of their attempts.
     */
    void defer(Collection<String> deliveryIds, String owner, long dueAt);

    /**
     * Makes due now the deliveries of an endpoint that were parked — by claims ({@link
     * ClaimRoom#parkUntil}) or as they were published ({@link DirectDispatch#waitOfNew}): its pauses
     * are over. Only parked deliveries: the endpoint's scheduled retries keep their times
     * (a receiver's {@code Retry-After} included). Uses up no attempt.
     *
     * @return how many deliveries were made due
     */
    int releaseParked(String endpointId, long now);

    /**
     * Makes one parked delivery waiting, due at {@code until} instead — kept for the endpoint's
     * probe, like a claim keeps a paused endpoint's oldest delivery — if it is still parked. Uses up
     * no attempt.
     */
    void keepParkedForProbe(String deliveryId, long until, long now);

    /** Gives back every lease this owner holds (graceful shutdown). */
    int releaseAll(String owner);

    /**
     * Records attempts and moves their deliveries on, in the caller's transaction (or one of its
     * own): each attempt is recorded, and each delivery moved on only where its owner still holds the
     * lease.
     *
     * @return per outcome, in order, whether the delivery's state was changed
     */
    List<Boolean> resolveAll(List<AttemptOutcome> outcomes, long now);
}

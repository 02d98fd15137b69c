package app.smartcomply.webhooks.delivery.internal;

import java.util.Collection;
import java.util.List;

/**
 * Starting a new event's deliveries on this node straight from its publish, without a claim.
 *
 * <p>A publish asks for room per delivery ({@link #reserve}) while it inserts the rows; each
 * delivery that got room is inserted already leased to {@link #owner()}, due again only when that
 * lease expires, so no node's claim ever reads or takes it. Once the publish has committed, the
 * intake ({@link app.smartcomply.webhooks.delivery.DeliveryIntake}) hands exactly those deliveries
 * to {@link #startCommitted}; if the publish failed, it gives their room back with {@link
 * #unreserve}. Nothing can be lost on the way: a delivery that
 * was committed leased but never started (the node died or stopped in between) is due again when
 * its lease expires, like any other lost lease.
 *
 * <p>This takes the claim — a read, a lease update and a read of the payload back — off the path of
 * every new delivery that finds room, which is nearly all of them while receivers keep up.
 *
 * <p>All methods are safe to call from many threads and never wait.
 */
public interface DirectDispatch {

    /** A node that does not send: it never has room, so every delivery is left to the claims. */
    DirectDispatch NONE = new DirectDispatch() {
        @Override
        public boolean reserve(String endpointId) {
            return false;
        }

        @Override
        public Wait waitOfNew(String endpointId, String deliveryId, long now) {
            return new Wait(now, false);
        }

        @Override
        public void parkedCommitted(Collection<String> endpointIds) {}

        @Override
        public void unreserve(String endpointId) {
            throw new IllegalStateException("nothing was reserved");
        }

        @Override
        public void resume(String endpointId) {}

        @Override
        public String owner() {
            throw new IllegalStateException("this node does not send");
        }

        @Override
        public long leaseExpiresAt(long now) {
            throw new IllegalStateException("this node does not send");
        }

        @Override
        public void startCommitted(List<ClaimedDelivery> deliveries) {
            throw new IllegalStateException("nothing was reserved");
        }
    };

    /**
     * Takes one of the node's slots and one of the endpoint's for a delivery about to be inserted,
     * if both are free and the engine is running.
     *
     * @return true if the delivery is to be inserted leased and then {@link #startCommitted started}
     */
    boolean reserve(String endpointId);

    /**
     * Where a new delivery that got no room waits: due {@code now}; or, for an endpoint paused on this
     * node ({@link EndpointPauses}), due when the pause ends — the first of each pause, to probe the
     * endpoint with — or parked until the endpoint's pauses are over, like the deliveries a claim
     * parks ({@link DeliveryQueue#releaseParked}). Either way it waits without being read.
     */
    Wait waitOfNew(String endpointId, String deliveryId, long now);

    /**
     * Deliveries of these endpoints were committed parked. An endpoint that recovered meanwhile had
     * its parked deliveries released before these existed: they are released now.
     */
    void parkedCommitted(Collection<String> endpointIds);

    /**
     * Where a new delivery waits.
     *
     * @param dueAt when it is due: now, the end of its endpoint's pause, or the end of its parking
     * @param parked whether it is parked: made due as soon as its endpoint's pauses are over ({@link
     *     DeliveryQueue#releaseParked}), or at {@code dueAt} if nobody does
     */
    record Wait(long dueAt, boolean parked) {}

    /** Gives back the room {@link #reserve} took, for a delivery that will not be started. */
    void unreserve(String endpointId);

    /**
     * Someone says the endpoint is fixed — a retry by hand, a change to the endpoint: lifts its pause
     * on this node, if it has one ({@link EndpointPauses}), so that its deliveries go now.
     */
    void resume(String endpointId);

    /** The lease owner to write into reserved deliveries. */
    String owner();

    /** When a lease taken at {@code now} expires, and so when its delivery is due again. */
    long leaseExpiresAt(long now);

    /**
     * Starts committed deliveries that each hold a reservation and are leased to {@link #owner()}
     * until their {@link ClaimedDelivery#leaseExpiresAt()}. Returns at once; the attempts run on the
     * engine's threads. One that could not be started while its lease still covered a whole attempt
     * is not started at all: its reservation is given back and the claims take it once its lease has
     * run out ({@link HandOffStarter}).
     */
    void startCommitted(List<ClaimedDelivery> deliveries);
}

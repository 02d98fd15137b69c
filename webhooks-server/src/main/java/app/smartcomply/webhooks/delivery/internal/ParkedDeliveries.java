package app.smartcomply.webhooks.delivery.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the parkings of this node's pauses ({@link EndpointPauses}) early: releases a recovered
 * endpoint's parked deliveries, and sets one aside to probe with when a failed probe begins a new
 * pause.
 *
 * <p>Each is a store write on a thread of its own, holding up neither the attempt nor the request
 * that caused it. If one fails, or the engine is stopping, nothing is lost: parked deliveries come
 * due by themselves when their parking ends, at most the longest pause later.
 */
final class ParkedDeliveries {

    private static final Logger log = LoggerFactory.getLogger(ParkedDeliveries.class);

    private final DeliveryQueue queue;
    private final EndpointRoom endpointRoom;
    private final DispatchSignal signal;
    private final Clock clock;
    private final Executor background;

    /** @param background runs the store writes; may reject them once the engine is stopping */
    ParkedDeliveries(
            DeliveryQueue queue, EndpointRoom endpointRoom, DispatchSignal signal, Clock clock, Executor background) {
        this.queue = queue;
        this.endpointRoom = endpointRoom;
        this.signal = signal;
        this.clock = clock;
        this.background = background;
    }

    /** The endpoint's pauses are over (it answered, or someone lifted them): its parked deliveries are due now. */
    void release(String endpointId) {
        offThread(
                () -> {
                    int released = queue.releaseParked(endpointId, clock.millis());
                    if (released > 0) {
                        log.info(
                                "Endpoint {} is no longer paused: {} parked deliveries are due now",
                                endpointId,
                                released);
                        signal.workAdded(List.of(endpointId));
                    }
                },
                e -> log.warn(
                        "Could not release the waiting deliveries of endpoint {} ({}); they come due on their own",
                        endpointId,
                        e.getMessage()));
    }

    /**
     * Deliveries of these endpoints were parked by a write that may have committed after their
     * release ran: releases again those of the endpoints that are no longer pausing.
     */
    void releaseOfRecovered(Collection<String> endpointIds) {
        endpointIds.stream()
                .distinct()
                .filter(endpointId -> !endpointRoom.pausing(endpointId))
                .forEach(this::release);
    }

    /**
     * A failed probe began a new pause: one delivery parked during the pause before is made due at the
     * new pause's end, to probe with — the new deliveries of the pause may be few or none.
     */
    void keepForProbe(String endpointId, String deliveryId, long until) {
        offThread(
                () -> {
                    // Recovered meanwhile (the release may already have run): leave it parked for the release
                    // rather than keep it until a pause that is over. A recovery between this check and the write
                    // leaves it due at the end of that pause: late, not lost.
                    if (endpointRoom.pausing(endpointId)) {
                        queue.keepParkedForProbe(deliveryId, until, clock.millis());
                    }
                },
                e -> log.warn(
                        "Could not set delivery {} aside to probe its endpoint with ({})", deliveryId, e.getMessage()));
    }

    private void offThread(Runnable storeWrite, Consumer<RuntimeException> onFailure) {
        try {
            background.execute(() -> {
                try {
                    storeWrite.run();
                } catch (RuntimeException e) {
                    onFailure.accept(e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // Stopping: the parked deliveries come due on their own.
        }
    }
}

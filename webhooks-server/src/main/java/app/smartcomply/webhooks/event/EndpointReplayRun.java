package app.smartcomply.webhooks.event;

import app.smartcomply.webhooks.endpoint.Endpoint;
import app.smartcomply.webhooks.endpoint.EndpointService;
import app.smartcomply.webhooks.endpoint.EndpointStatus;
import app.smartcomply.webhooks.endpoint.Subscriber;
import app.smartcomply.webhooks.event.EndpointReplayStore.Job;
import app.smartcomply.webhooks.event.ReplayDeliveries.StoredEvent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one replay to its end: batch after batch of the window's next events, each batch's
 * deliveries committed together with the replay's progress (see {@link ReplayDeliveries#createEach}).
 * Stops quietly when the replay is no longer its own to run (another node resumed it, or the
 * endpoint was deleted); fails it when the endpoint was disabled meanwhile.
 */
final class EndpointReplayRun implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(EndpointReplayRun.class);

    /** Thrown inside a batch's unit to roll it back. */
    private static final class Stop extends RuntimeException {
        private final String failure;

        Stop(String failure) {
            super(failure, null, false, false);
            this.failure = failure;
        }
    }

    private final String replayId;
    private final EndpointReplayStore store;
    private final ReplayDeliveries deliveries;
    private final EndpointService endpoints;
    private final List<String> reservedTypes;
    private final int batchSize;
    private final Clock clock;

    EndpointReplayRun(
            String replayId,
            EndpointReplayStore store,
            ReplayDeliveries deliveries,
            EndpointService endpoints,
            List<String> reservedTypes,
            int batchSize,
            Clock clock) {
        this.replayId = replayId;
        this.store = store;
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.reservedTypes = reservedTypes;
        this.batchSize = batchSize;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            while (batch()) {
                // next batch
            }
        } catch (Stop stop) {
            if (stop.failure != null) {
                store.finish(replayId, EndpointReplay.FAILED, stop.failure, clock.millis());
            }
        } catch (RuntimeException e) {
            // Left running: once its heartbeat is stale, a node resumes it from its last committed batch.
            log.warn("Replay {} stopped after an error; it is resumed later: {}", replayId, e.toString());
        }
    }

    /** Replays the next batch; false once there is nothing left (the replay is then completed). */
    private boolean batch() {
        Optional<Job> found = store.runningJob(replayId);
        if (found.isEmpty()) {
            return false;
        }
        Job job = found.get();
        List<StoredEvent> events = store.nextEvents(job, reservedTypes, batchSize);
        if (events.isEmpty()) {
            store.finish(replayId, EndpointReplay.COMPLETED, null, clock.millis());
            return false;
        }
        Subscriber target = target(job);
        String last = events.getLast().event().id();
        deliveries.createEach(events, target, () -> target(job), () -> {
            if (!store.advance(replayId, job.lastEventId(), last, events.size(), clock.millis())) {
                throw new Stop(null);
            }
        });
        return true;
    }

    /** The endpoint, still there and active; read again inside each batch's unit. */
    private Subscriber target(Job job) {
        Endpoint endpoint =
                endpoints.find(job.accountId(), job.mode(), job.endpointId()).orElseThrow(() -> new Stop(null));
        if (endpoint.status() != EndpointStatus.ACTIVE) {
            throw new Stop("The endpoint was disabled while the replay ran; enable it and start a new replay.");
        }
        return new Subscriber(endpoint.id(), endpoint.url(), endpoint.filter(), endpoint.ordering());
    }
}

package app.smartcomply.webhooks.event;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Looks every {@value #INTERVAL_SECONDS} seconds for replays left running by a node that stopped
 * (see {@link EndpointReplays#resumeStale}), so none stays running forever — including at start,
 * for the replays this node ran before it restarted.
 */
@Component
class EndpointReplayResumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EndpointReplayResumer.class);
    static final long INTERVAL_SECONDS = 30;

    private final EndpointReplays replays;
    private ScheduledExecutorService executor;

    EndpointReplayResumer(EndpointReplays replays) {
        this.replays = replays;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("replay-resumer").daemon().factory());
        executor.scheduleWithFixedDelay(this::round, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    private void round() {
        try {
            replays.resumeStale();
        } catch (RuntimeException e) {
            log.warn(
                    "Looking for replays to resume failed; trying again in {} s: {}", INTERVAL_SECONDS, e.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}

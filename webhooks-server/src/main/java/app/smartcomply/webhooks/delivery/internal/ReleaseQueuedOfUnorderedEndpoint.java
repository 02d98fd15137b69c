package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.endpoint.EndpointOrderingSwitchedOff;
import app.smartcomply.webhooks.store.AfterCommit;
import java.time.Clock;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * An endpoint whose ordering is switched off sends what was queued in its lines at once, like any
 * unordered delivery: in the switching transaction its queued deliveries become waiting and due
 * now (held, if it is disabled), and leave their lines ({@link DeliveryLines#releaseQueued}). The
 * heads in flight end as usual; their end then finds nothing queued.
 */
@Component
class ReleaseQueuedOfUnorderedEndpoint {

    private final DeliveryLines lines;
    private final DispatchSignal signal;
    private final Clock clock;

    ReleaseQueuedOfUnorderedEndpoint(JdbcTemplate template, DispatchSignal signal, Clock clock) {
        this.lines = new DeliveryLines(template);
        this.signal = signal;
        this.clock = clock;
    }

    @EventListener
    void on(EndpointOrderingSwitchedOff switchedOff) {
        String endpointId = switchedOff.endpointId();
        if (lines.releaseQueued(endpointId, clock.millis()) > 0) {
            AfterCommit.run(() -> signal.workAdded(List.of(endpointId)));
        }
    }
}

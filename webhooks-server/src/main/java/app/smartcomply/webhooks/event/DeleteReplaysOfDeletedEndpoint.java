package app.smartcomply.webhooks.event;

import app.smartcomply.webhooks.endpoint.EndpointDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deletes the replays of an endpoint in the transaction that deletes it. A replay still running
 * then finds its row gone, and its next batch does not commit (its deliveries would be cancelled
 * anyway).
 */
@Component
class DeleteReplaysOfDeletedEndpoint {

    private final EndpointReplays replays;

    DeleteReplaysOfDeletedEndpoint(EndpointReplays replays) {
        this.replays = replays;
    }

    @EventListener
    void on(EndpointDeleted deleted) {
        replays.deleteOfEndpoint(deleted.endpointId());
    }
}

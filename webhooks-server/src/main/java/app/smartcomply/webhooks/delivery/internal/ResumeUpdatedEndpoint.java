package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.endpoint.EndpointUpdated;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A changed endpoint (a new URL, say, or switched back on) starts with a clean slate on this node:
 * a pause it earned by failing before the change is lifted ({@link DirectDispatch#resume}).
 */
@Component
class ResumeUpdatedEndpoint {

    private final ObjectProvider<DirectDispatch> localEngine;

    ResumeUpdatedEndpoint(ObjectProvider<DirectDispatch> localEngine) {
        this.localEngine = localEngine;
    }

    @EventListener
    void on(EndpointUpdated updated) {
        localEngine.getIfAvailable(() -> DirectDispatch.NONE).resume(updated.endpointId());
    }
}

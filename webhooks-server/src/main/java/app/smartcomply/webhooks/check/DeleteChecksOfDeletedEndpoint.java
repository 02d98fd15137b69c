package app.smartcomply.webhooks.check;

import app.smartcomply.webhooks.endpoint.EndpointDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Deletes the checks of an endpoint in the transaction that deletes it: a check's requests and
 * answers belong to the endpoint, and no one can read them once it is gone. A check still running
 * then finds its row gone and writes nothing.
 */
@Component
class DeleteChecksOfDeletedEndpoint {

    private final EndpointChecks checks;

    DeleteChecksOfDeletedEndpoint(EndpointChecks checks) {
        this.checks = checks;
    }

    @EventListener
    void on(EndpointDeleted deleted) {
        checks.deleteOfEndpoint(deleted.endpointId());
    }
}

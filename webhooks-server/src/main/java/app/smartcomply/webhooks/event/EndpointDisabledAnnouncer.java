package app.smartcomply.webhooks.event;

import app.smartcomply.webhooks.endpoint.EndpointDisabled;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tells the account when the service switched one of its endpoints off, by publishing {@code
 * webhook.endpoint.disabled} to the account's other subscribed endpoints of the same mode (a test
 * endpoint's notice goes to test endpoints only, a live one's to live ones). Runs synchronously inside
 * the disabling transaction, so the notice and the disabling commit together.
 */
@Component
class EndpointDisabledAnnouncer {

    static final String TYPE = "webhook.endpoint.disabled";

    private final EventPublisher publisher;
    private final JsonMapper json;

    EndpointDisabledAnnouncer(EventPublisher publisher, JsonMapper json) {
        this.publisher = publisher;
        this.json = json;
    }

    @EventListener
    void on(EndpointDisabled disabled) {
        ObjectNode data = json.createObjectNode();
        data.put("endpoint_id", disabled.endpointId());
        data.put("url", disabled.url());
        data.put("reason", disabled.reason());
        data.put("disabled_at", WireFormat.timestamp(disabled.disabledAt()));
        if (disabled.failingSince() != null) {
            data.put("failing_since", WireFormat.timestamp(disabled.failingSince()));
        }
        publisher.publishSystemEvent(disabled.accountId(), disabled.mode(), TYPE, data, Optional.empty());
    }
}

package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.endpoint.EndpointDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deleted endpoint gets nothing more: its pending deliveries become {@code cancelled} in the
 * deleting transaction. One already in flight finishes, but its result no longer moves it.
 */
@Component
class CancelDeliveriesOfDeletedEndpoint {

    private final DeliverySql sql;

    CancelDeliveriesOfDeletedEndpoint(DeliverySql sql) {
        this.sql = sql;
    }

    @EventListener
    void on(EndpointDeleted deleted) {
        sql.cancelOfDeletedEndpoint(deleted.endpointId(), deleted.deletedAt());
    }
}

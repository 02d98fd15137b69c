package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.endpoint.EndpointDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A deleted endpoint gets nothing more: its pending deliveries become {@code cancelled} in the
 * deleting transaction. One already in flight finishes, but its result no longer moves it.
 */
@Component
class CancelDeliveriesOfDeletedEndpoint {

  private final JdbcClient jdbc;

  CancelDeliveriesOfDeletedEndpoint(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener
  void on(EndpointDeleted deleted) {
    jdbc.sql("UPDATE deliveries SET status = 'cancelled', next_attempt_at = NULL, updated_at = ?"
            + " WHERE endpoint_id = ? AND status = 'pending'")
        .params(deleted.deletedAt(), deleted.endpointId())
        .update();
  }
}

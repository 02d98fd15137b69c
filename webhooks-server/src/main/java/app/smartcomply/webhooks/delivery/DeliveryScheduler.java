package app.smartcomply.webhooks.delivery;

import app.smartcomply.webhooks.delivery.internal.DispatchSignal;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Creates the deliveries of a new event, inside the publishing transaction, and wakes the engine
 * once that transaction has committed — not before, or it would look for rows it cannot see yet.
 */
@Component
public class DeliveryScheduler {

  private final JdbcTemplate jdbc;
  private final PrefixedIds ids;
  private final DispatchSignal signal;

  DeliveryScheduler(JdbcTemplate jdbc, PrefixedIds ids, DispatchSignal signal) {
    this.jdbc = jdbc;
    this.ids = ids;
    this.signal = signal;
  }

  /**
   * One pending delivery, due now, per endpoint. Must run inside a transaction (the publisher's).
   */
  public void scheduleFor(String eventId, String accountId, String eventType, List<String> endpointIds, long now) {
    if (endpointIds.isEmpty()) {
      return;
    }
    String[] deliveryIds = new String[endpointIds.size()];
    for (int i = 0; i < deliveryIds.length; i++) {
      deliveryIds[i] = ids.next("whd_");
    }
    jdbc.batchUpdate(
        "INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempt_count,"
            + " next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)",
        // Bound directly, not through Spring's per-value type resolution: this runs for every
        // delivery of every event, on SQLite inside the store's single writer.
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            ps.setString(1, deliveryIds[i]);
            ps.setString(2, accountId);
            ps.setString(3, eventId);
            ps.setString(4, endpointIds.get(i));
            ps.setString(5, eventType);
            ps.setLong(6, now);
            ps.setLong(7, now);
            ps.setLong(8, now);
          }

          @Override
          public int getBatchSize() {
            return deliveryIds.length;
          }
        });
    wakeAfterCommit();
  }

  /**
   * Wakes the engines — this node's and, on PostgreSQL, every other node's — after the current
   * transaction commits, or now if there is none.
   */
  void wakeAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          signal.workAdded();
        }
      });
    } else {
      signal.workAdded();
    }
  }
}

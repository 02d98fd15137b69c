package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.store.Dialect;
import app.smartcomply.webhooks.store.PostgresDialect;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The two writes every delivery goes through, each for many rows at once: a publish's new
 * deliveries, and a group of finished attempts with their deliveries' outcomes. One implementation
 * per engine, each the cheapest form of the same statements there ({@link BatchedDeliveryWrites},
 * {@link ArrayDeliveryWrites}).
 *
 * <p>Both run inside the caller's transaction; neither commits nor retries.
 */
public sealed interface DeliveryWrites permits BatchedDeliveryWrites, ArrayDeliveryWrites {

  /** The writes that suit {@code dialect}, on the given (transaction-aware) template. */
  static DeliveryWrites forDialect(Dialect dialect, JdbcTemplate jdbc) {
    return dialect instanceof PostgresDialect ? new ArrayDeliveryWrites(jdbc) : new BatchedDeliveryWrites(jdbc);
  }

  /** Inserts one event's new deliveries, all {@code pending} with no attempt yet. */
  void insert(NewDeliveries deliveries);

  /**
   * Inserts one attempt row per outcome, then moves each outcome's delivery to its next step — if
   * it is still pending and leased to the outcome's owner. An attempt row is written either way:
   * the request was made, whoever holds the delivery now.
   *
   * @param outcomes in delivery id order, so that two groups that ever met on the same rows would
   *     lock them in the same order
   * @param attemptIds the new attempt rows' ids, one per outcome, same order
   * @return per outcome, same order: whether its delivery was updated (false: the lease was lost)
   */
  boolean[] record(List<AttemptOutcome> outcomes, String[] attemptIds, long now);
}

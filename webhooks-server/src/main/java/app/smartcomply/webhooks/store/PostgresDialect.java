package app.smartcomply.webhooks.store;

/**
 * PostgreSQL: many nodes claim at once. {@code FOR UPDATE SKIP LOCKED} lets each claimer take the
 * due rows nobody else is taking right now, without waiting on them, so N nodes never lease the
 * same delivery and never queue up behind each other.
 */
public record PostgresDialect() implements Dialect {

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public String claimDueDeliveriesSql() {
    return """
        UPDATE deliveries SET lease_owner = ?, lease_expires_at = ?
         WHERE id IN (
           SELECT d.id FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= ?
              AND (d.lease_expires_at IS NULL OR d.lease_expires_at < ?)
              AND e.status = 'active' /*EXCLUDED_ENDPOINTS*/
            ORDER BY d.next_attempt_at
            LIMIT ?
            FOR UPDATE OF d SKIP LOCKED)
        RETURNING id""";
  }

}

package app.smartcomply.webhooks.store;

/**
 * SQLite: one writer at a time (the database file is locked for the length of a write
 * transaction, taken up front with {@code BEGIN IMMEDIATE}), so a claim cannot race another
 * claim and needs no row locks. {@code UPDATE ... RETURNING} needs SQLite 3.35+.
 */
public record SqliteDialect() implements Dialect {

  @Override
  public String name() {
    return "sqlite";
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
            LIMIT ?)
        RETURNING id""";
  }

}

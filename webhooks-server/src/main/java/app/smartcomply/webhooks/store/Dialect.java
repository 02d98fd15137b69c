package app.smartcomply.webhooks.store;

/**
 * What differs between the two database engines. Everything else — the tables, the columns, the
 * plain SQL in the feature stores — is written once and runs on both.
 *
 * <p>One implementation per engine ({@link SqliteDialect}, {@link PostgresDialect}), in the manner
 * of db-scheduler's per-database classes.
 */
public sealed interface Dialect permits SqliteDialect, PostgresDialect {

  /** Short engine name for logs and metrics: {@code sqlite} or {@code postgresql}. */
  String name();

  /**
   * A statement that leases due deliveries to one owner and returns their ids, atomically.
   *
   * <p>Positional parameters, in order: lease owner, lease expiry (epoch ms), now (epoch ms), now
   * again (for expired leases), then the ids of any excluded endpoints, then the limit. The marker
   * comment {@code EXCLUDED_ENDPOINTS} in the text is where the caller puts its {@code AND
   * d.endpoint_id NOT IN (?, ...)} clause, or nothing.
   */
  String claimDueDeliveriesSql();

}

package app.smartcomply.webhooks.store;

import java.util.Optional;

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
   * A statement that leases the given deliveries to one owner, each only if it is still pending,
   * still due (a delivery held since it was read, its endpoint switched off, is not) and not under a
   * live lease, and returns the ids it leased — atomically per delivery. A leased
   * delivery's {@code next_attempt_at} becomes its lease expiry: it is not due while leased, and
   * due again by itself if the lease runs out.
   *
   * <p>Named parameters: {@code :owner}, {@code :leaseExpiresAt} and {@code :now} (epoch ms), and
   * {@code :ids}, the candidates (a list).
   */
  String leaseDeliveriesSql();

  /**
   * How a claim reads due rows endpoint by endpoint, when the oldest due rows of the whole queue all
   * belong to endpoints it leaves out; empty where the schema has no index of each endpoint's due
   * deliveries ({@code deliveries_due_by_endpoint}) to make that a few probes. Without it, a claim
   * reads past those rows at most every few seconds instead (see {@code DueCandidates}).
   */
  Optional<DuePerEndpointSql> duePerEndpointSql();

}

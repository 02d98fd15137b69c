package app.smartcomply.webhooks.store;

import java.util.Optional;

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
  public String leaseDeliveriesSql() {
    return """
        UPDATE deliveries SET lease_owner = :owner, lease_expires_at = :leaseExpiresAt,
                              next_attempt_at = :leaseExpiresAt
         WHERE id IN (
           SELECT id FROM deliveries
            WHERE id IN (:ids) AND status = 'pending' AND next_attempt_at <= :now
              AND (lease_expires_at IS NULL OR lease_expires_at < :now)
            FOR UPDATE SKIP LOCKED)
        RETURNING id""";
  }

  /**
   * {@code LATERAL} probes each endpoint once; the second statement takes the endpoints and their
   * room as arrays. Its writes run in many backends at once: the index adds about 9 µs to each
   * delivery insert, about 5 % of PostgreSQL's statement time in a fan-out run, and fan-out stayed
   * within the spread of runs without it (docs/benchmarks.md).
   */
  @Override
  public Optional<DuePerEndpointSql> duePerEndpointSql() {
    return Optional.of(DUE_PER_ENDPOINT);
  }

  private static final DuePerEndpointSql DUE_PER_ENDPOINT = new DuePerEndpointSql("""
      SELECT e.id FROM endpoints e
       CROSS JOIN LATERAL (
         SELECT d.next_attempt_at FROM deliveries d
          WHERE d.endpoint_id = e.id AND d.status = 'pending' AND d.next_attempt_at <= :now
          ORDER BY d.next_attempt_at LIMIT 1) oldest
       WHERE e.status = 'active' AND e.id <> ALL (:excluded::text[])
       ORDER BY oldest.next_attempt_at, e.id LIMIT :limit""", """
      SELECT d.id, d.endpoint_id FROM unnest(:endpoints::text[], :rooms::integer[]) AS w (endpoint_id, room)
       CROSS JOIN LATERAL (
         SELECT id, endpoint_id, next_attempt_at FROM deliveries
          WHERE endpoint_id = w.endpoint_id AND status = 'pending' AND next_attempt_at <= :now
            AND (lease_expires_at IS NULL OR lease_expires_at < :now)
          ORDER BY next_attempt_at LIMIT w.room) d
       ORDER BY d.next_attempt_at LIMIT :limit""");
}

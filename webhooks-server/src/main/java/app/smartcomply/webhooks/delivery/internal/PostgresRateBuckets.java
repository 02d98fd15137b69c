package app.smartcomply.webhooks.delivery.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link RateBuckets} shared by every node of a PostgreSQL store: a row per rate-limited endpoint
 * in {@code endpoint_rate_buckets}, from which a node takes the sends of one claim — a batch, up to
 * the endpoint's burst — with one atomic statement. The row is locked for that statement only, and
 * touched once per claim that has the endpoint's deliveries in it, not once per send, so it is no
 * hot spot. Two nodes taking at once queue on the row lock, and the second computes its grant from
 * the first's {@code tat}: together they never exceed the limit.
 */
final class PostgresRateBuckets implements RateBuckets {

    /**
     * The grant computed in SQL exactly as {@link Gcra#take}: the row locked first (FOR UPDATE, so
     * a concurrent taker's committed {@code tat} is the one read), then moved on by the sends granted.
     */
    private static final String TAKE = """
        WITH old AS (
          SELECT GREATEST(tat_us, :floor) AS t FROM endpoint_rate_buckets WHERE endpoint_id = :id FOR UPDATE),
        g AS (
          SELECT t, GREATEST(t, :now) AS start,
                 CASE WHEN :now + :tau < t THEN 0
                      ELSE LEAST(:wanted, (:now + :tau - GREATEST(t, :now)) / :interval + 1) END AS granted
            FROM old)
        UPDATE endpoint_rate_buckets b
           SET tat_us = CASE WHEN g.granted = 0 THEN g.t ELSE g.start + g.granted * :interval END
          FROM g
         WHERE b.endpoint_id = :id
        RETURNING g.granted, b.tat_us""";

    private final JdbcClient jdbc;
    /** Endpoints whose row this node has made sure of. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    PostgresRateBuckets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Grant take(String endpointId, Gcra gcra, int wanted, long nowUs, long floorUs) {
        if (!known.contains(endpointId)) {
            jdbc.sql("INSERT INTO endpoint_rate_buckets (endpoint_id, tat_us) VALUES (?, 0) ON CONFLICT DO NOTHING")
                    .param(endpointId)
                    .update();
            known.add(endpointId);
        }
        return jdbc.sql(TAKE)
                .param("id", endpointId)
                .param("floor", floorUs)
                .param("now", nowUs)
                .param("tau", gcra.tauUs())
                .param("wanted", (long) wanted)
                .param("interval", gcra.intervalUs())
                .query((rs, n) -> new Grant(rs.getInt(1), rs.getLong(2)))
                .single();
    }
}

package app.smartcomply.webhooks.delivery.internal;

import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The SQLite engine's claim statements on one JDBC connection, for the JMH benchmarks
 * ({@code webhooks-bench}): they measure the service's own statements, not copies that drift. The
 * service never uses this class. Statements join whatever transaction the connection is in.
 */
public final class BenchmarkDeliverySql {

    private final DeliverySql sql;

    /** The statements on {@code connection}, which stays the caller's to close. */
    public BenchmarkDeliverySql(Connection connection) {
        this.sql = new SqliteDeliverySql(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
    }

    /**
     * A claim's read of candidates ({@link DueCandidates}' bounded read): the ids of the oldest due,
     * unleased deliveries of active endpoints not in {@code excluded}, among the {@value
     * DueCandidates#WINDOW} oldest due rows, at most {@code limit}.
     */
    public List<String> dueCandidates(long now, int limit, Collection<String> excluded) {
        return sql.dueRows(now, limit, Set.copyOf(excluded), DueCandidates.WINDOW).stream()
                .map(DueCandidates.Due::id)
                .toList();
    }

    /** {@link DeliverySql#lease}: the ids of those still free and due, now leased. */
    public List<String> lease(String owner, long now, long leaseExpiresAt, List<String> ids) {
        return sql.lease(owner, now, leaseExpiresAt, ids);
    }

    /** {@link DeliverySql#loadLeased}: what the attempts need of the leased deliveries. */
    public List<ClaimedDelivery> loadLeased(List<String> ids, long leaseExpiresAt) {
        return sql.loadLeased(ids, leaseExpiresAt);
    }

    /** {@link DeliverySql#giveBackEveryLease}: every leased delivery waiting again, due at {@code dueAt}. */
    public int giveBackEveryLease(long dueAt) {
        return sql.giveBackEveryLease(dueAt);
    }
}

package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.store.TransactionStatements;
import java.sql.Types;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link DeliverySql} for SQLite: writes over many rows as JDBC batches of one-row statements,
 * where a statement is a function call into the same process and costs next to nothing to start.
 * One writer at a time (the database file is locked for the length of a write transaction, taken
 * up front with {@code BEGIN IMMEDIATE}), so a claim cannot race another claim and needs no row
 * locks. {@code UPDATE ... RETURNING} needs SQLite 3.35+.
 *
 * <p>Values are bound straight onto the statements, not through Spring's per-value type
 * resolution, which was a noticeable share of the store's single writer on SQLite.
 */
final class SqliteDeliverySql extends DeliverySql {

    // The three row writes are package-private: a test checks that SQLite runs each without
    // building a temporary b-tree per row (V16__delivery_checks_without_in_lists).
    static final String INSERT_DELIVERY = """
      INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempt_count,
                              next_attempt_at, lease_owner, lease_expires_at, created_at, updated_at, mode,
                              state)
      VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, ?, ?, ?)""";

    static final String INSERT_ATTEMPT = """
      INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_url,
                            request_headers, response_status, response_headers, response_body,
                            response_body_truncated, error)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    static final String UPDATE_OUTCOME = """
      UPDATE deliveries
         SET status = ?, attempt_count = ?, %s, lease_owner = NULL,
             lease_expires_at = NULL, last_status = ?, last_error = ?, last_attempt_at = ?,
             updated_at = ?
       WHERE id = ? AND lease_owner = ? AND status = 'pending'"""
            // A retry of a delivery held meanwhile (its endpoint was disabled) stays held.
            .formatted(retryUnlessHeld("?", "?", "state"));

    private static final String LEASE = """
      UPDATE deliveries SET state = 'leased', lease_owner = :owner, lease_expires_at = :leaseExpiresAt,
                            next_attempt_at = :leaseExpiresAt
       WHERE id IN (:ids) AND %s AND next_attempt_at <= :now
         AND (lease_expires_at IS NULL OR lease_expires_at < :now)
      RETURNING id""".formatted(DeliveryState.CLAIMABLE_SQL);

    /** Each row write is compiled once per transaction, not once per publish or group of outcomes. */
    private final TransactionStatements statements;

    SqliteDeliverySql(JdbcTemplate template) {
        super(template);
        this.statements = new TransactionStatements(template);
    }

    @Override
    String leaseSql() {
        return LEASE;
    }

    /**
     * No: SQLite has no index of each endpoint's due deliveries. Every write of a delivery runs on
     * its one writer, which is what limits the store, and with that index fan-out ran 8,483 and 8,589
     * deliveries/s against 10,109/s without (docs/benchmarks.md).
     */
    @Override
    boolean readsDuePerEndpoint() {
        return false;
    }

    @Override
    public void insert(NewDeliveries d) {
        statements.batch(INSERT_DELIVERY, d.size(), (ps, i) -> {
            ps.setString(1, d.ids()[i]);
            ps.setString(2, d.accountId());
            ps.setString(3, d.eventId());
            ps.setString(4, d.endpointIds()[i]);
            ps.setString(5, d.eventType());
            ps.setLong(6, d.nextAttemptAt()[i]);
            ps.setString(7, d.leaseOwners()[i]);
            ps.setObject(8, d.leaseExpiresAt()[i], Types.BIGINT);
            ps.setLong(9, d.createdAt());
            ps.setLong(10, d.createdAt());
            ps.setString(11, d.mode().wire());
            ps.setString(12, d.states()[i].stored());
        });
    }

    @Override
    public boolean[] record(List<AttemptOutcome> outcomes, String[] attemptIds, long now) {
        statements.batch(INSERT_ATTEMPT, outcomes.size(), (ps, i) -> {
            AttemptOutcome o = outcomes.get(i);
            ClaimedDelivery d = o.delivery();
            AttemptResult a = o.result();
            ps.setString(1, attemptIds[i]);
            ps.setString(2, d.id());
            ps.setInt(3, d.attemptNumber());
            ps.setLong(4, a.startedAt());
            ps.setInt(5, a.storedDurationMs());
            ps.setString(6, d.url());
            ps.setString(7, o.storedRequestHeaders());
            ps.setObject(8, a.status(), Types.INTEGER);
            ps.setString(9, o.storedResponseHeaders());
            ps.setBytes(10, a.responseBody());
            ps.setInt(11, a.responseBodyTruncated() ? 1 : 0);
            ps.setString(12, a.error());
        });
        int[] updated = statements.batch(UPDATE_OUTCOME, outcomes.size(), (ps, i) -> {
            AttemptOutcome o = outcomes.get(i);
            String state = o.next().state().stored();
            ps.setString(1, o.next().status().wireName());
            ps.setInt(2, o.delivery().attemptNumber());
            ps.setString(3, state);
            ps.setString(4, state);
            ps.setObject(5, o.next().nextAttemptAt(), Types.BIGINT);
            ps.setObject(6, o.result().status(), Types.INTEGER);
            ps.setString(7, o.result().error());
            ps.setLong(8, o.result().startedAt());
            ps.setLong(9, now);
            ps.setString(10, o.delivery().id());
            ps.setString(11, o.owner());
        });
        boolean[] changed = new boolean[updated.length];
        for (int i = 0; i < updated.length; i++) {
            changed[i] = updated[i] == 1;
        }
        return changed;
    }
}

package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.store.Dialect;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every statement the engine runs that changes a delivery, and the reads of its claims: the one
 * place to look for how a delivery moves between its {@link DeliveryState states}. Each statement
 * that moves a delivery sets {@code state} in the same statement, so naming the state costs no
 * write of its own.
 *
 * <p>One subclass per engine, in the manner of db-scheduler's {@code JdbcCustomization}: what is
 * written once for both lives here; {@link SqliteDeliverySql} and {@link PostgresDeliverySql} give
 * the statements whose cheapest form differs (the insert of a publish's deliveries, the recording of
 * outcomes, the lease, the per-endpoint read of due rows). Chosen once, by {@link #of}.
 *
 * <p>What a person or the CLI starts rather than the engine — a retry by hand, a recovery of dead
 * letters, a reported listen delivery — is {@link ManualDeliverySql}'s.
 *
 * <p>Every method runs in the caller's transaction, if there is one; none commits or retries.
 * Thread-safe: statements only.
 */
public abstract sealed class DeliverySql permits SqliteDeliverySql, PostgresDeliverySql {

    /** Plain template, for the engine-specific forms. */
    final JdbcTemplate template;
    /** Named parameters and list expansion. */
    final JdbcClient jdbc;

    DeliverySql(JdbcTemplate template) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
    }

    /** The statements for the engine of {@code dialect}. */
    public static DeliverySql of(Dialect dialect, JdbcTemplate template) {
        return switch (dialect.engine()) {
            case SQLITE -> new SqliteDeliverySql(template);
            case POSTGRESQL -> new PostgresDeliverySql(template);
        };
    }

    // --- creation and outcomes (engine-specific) ---------------------------------------------------

    /**
     * Inserts one event's new deliveries, {@code pending} in the state each was given ({@link
     * DeliveryState#INITIAL}), with no attempt yet.
     */
    public abstract void insert(NewDeliveries deliveries);

    /**
     * Inserts one attempt row per outcome, then moves each outcome's delivery to its next step — if
     * it is still pending and leased to the outcome's owner. An attempt row is written either way:
     * the request was made, whoever holds the delivery now. A retry of a delivery {@link
     * DeliveryState#HELD held} meanwhile stays held, with no due time ({@link #retryUnlessHeld}).
     *
     * @param outcomes in delivery id order, so that two groups that ever met on the same rows would
     *     lock them in the same order
     * @param attemptIds the new attempt rows' ids, one per outcome, same order
     * @return per outcome, same order: whether its delivery was updated (false: the lease was lost)
     */
    public abstract boolean[] record(List<AttemptOutcome> outcomes, String[] attemptIds, long now);

    /**
     * How an outcome's state and due time are written, given the SQL of the outcome's state, of its
     * due time and of the row's current state. No extra read: the hold has already marked the row.
     * On PostgreSQL this also settles a race: if the hold commits while the outcome waits for the
     * row, the outcome re-reads the row (as READ COMMITTED does for a row changed under it) and sees
     * the mark; if the outcome commits first, the hold waits for it and then holds the retry.
     */
    static String retryUnlessHeld(String outcomeState, String dueTime, String currentState) {
        return "state = CASE WHEN " + currentState + " = 'held' AND " + outcomeState + " = 'waiting' THEN 'held' ELSE "
                + outcomeState + " END, next_attempt_at = CASE WHEN " + currentState + " = 'held' THEN NULL ELSE "
                + dueTime
                + " END";
    }

    // --- claims -----------------------------------------------------------------------------------

    /**
     * The statement that leases the given deliveries ({@code :ids}) to {@code :owner} until {@code
     * :leaseExpiresAt}, each only if it is still claimable and due at {@code :now} and not under a
     * live lease, and returns the ids it leased — atomically per delivery. A leased delivery's due
     * time becomes its lease's expiry: not due while leased, due again by itself if the lease runs
     * out.
     */
    abstract String leaseSql();

    /** Leases those of {@code ids} that are still free and due: see {@link #leaseSql}. */
    public List<String> lease(String owner, long now, long leaseExpiresAt, List<String> ids) {
        return jdbc.sql(leaseSql())
                .param("owner", owner)
                .param("leaseExpiresAt", leaseExpiresAt)
                .param("now", now)
                .param("ids", ids)
                .query(String.class)
                .list();
    }

    /** What an attempt needs of the leased deliveries: the delivery, its endpoint's URL, the payload. */
    public List<ClaimedDelivery> loadLeased(List<String> ids, long leaseExpiresAt) {
        return jdbc.sql("""
            SELECT d.id, d.account_id, d.event_id, d.event_type, d.endpoint_id, e.url,
                   d.attempt_count, ev.payload, ev.traceparent, d.line, d.throttled_count
              FROM deliveries d
              JOIN endpoints e ON e.id = d.endpoint_id
              JOIN events ev ON ev.id = d.event_id
             WHERE d.id IN (:ids)
             ORDER BY d.next_attempt_at""")
                .param("ids", ids)
                .query((rs, n) -> new ClaimedDelivery(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getInt(7),
                        rs.getBytes(8),
                        rs.getString(9),
                        leaseExpiresAt,
                        rs.getString(10),
                        rs.getInt(11)))
                .list();
    }

    /** Every claimable delivery due at {@code :now}: the head of the queue every claim reads. */
    static final String DUE = "SELECT id, endpoint_id, lease_expires_at, next_attempt_at FROM deliveries WHERE "
            + DeliveryState.CLAIMABLE_SQL + " AND next_attempt_at <= :now";

    /**
     * The oldest due, unleased deliveries of active endpoints not in {@code excluded}, at most {@code
     * limit}; if {@code window} is positive, only among the {@code window} oldest due rows.
     *
     * <p>The endpoint's status is looked up per row (a subquery), not joined: a join let PostgreSQL's
     * planner choose a hash join, which does not keep the window's order, and then sort all of the
     * window to return the first rows — 54 ms for a read that streams in under 1 ms. Per row, the
     * rows come in index order and the read stops at {@code :limit}.
     */
    List<DueCandidates.Due> dueRows(long now, int limit, Set<String> excluded, int window) {
        String notIn = excluded.isEmpty() ? "" : " AND d.endpoint_id NOT IN (:excluded)";
        String due = window > 0 ? DUE + " ORDER BY next_attempt_at LIMIT :window" : DUE;
        var query = jdbc.sql("SELECT d.id, d.endpoint_id FROM (" + due + ") d"
                        + " WHERE (d.lease_expires_at IS NULL OR d.lease_expires_at < :now)" + notIn
                        + " AND (SELECT e.status FROM endpoints e WHERE e.id = d.endpoint_id) = 'active'"
                        + " ORDER BY d.next_attempt_at LIMIT :limit")
                .param("now", now)
                .param("limit", limit);
        if (window > 0) {
            query = query.param("window", window);
        }
        if (!excluded.isEmpty()) {
            query = query.param("excluded", List.copyOf(excluded));
        }
        return query.query((rs, n) -> new DueCandidates.Due(rs.getString(1), rs.getString(2)))
                .list();
    }

    /** Whether any active endpoint is not among {@code excluded} (not empty). */
    boolean anyActiveEndpointBesides(Set<String> excluded) {
        return !jdbc.sql("SELECT id FROM endpoints WHERE status = 'active' AND id NOT IN (:excluded) LIMIT 1")
                .param("excluded", List.copyOf(excluded))
                .query(String.class)
                .list()
                .isEmpty();
    }

    /**
     * Whether this engine indexes each endpoint's due rows, so that {@link #dueOfEndpoints} is a few
     * probes. Without it, a claim reads past a full window at most every few seconds instead.
     */
    abstract boolean readsDuePerEndpoint();

    /**
     * The oldest due, unleased deliveries of the active endpoints not in {@code excluded}, read
     * endpoint by endpoint: only where {@link #readsDuePerEndpoint}.
     *
     * @param roomOf each endpoint's room; an endpoint with none is skipped
     */
    List<DueCandidates.Due> dueOfEndpoints(
            long now, int limit, Set<String> excluded, java.util.function.ToIntFunction<String> roomOf) {
        throw new UnsupportedOperationException("no index of each endpoint's due deliveries on this engine");
    }

    /**
     * Makes free, due deliveries due at {@code :until} without leasing them — no attempt is used
     * up. A row another claimer leased since the read is left to it.
     */
    private static final String DUE_LATER = "UPDATE deliveries SET state = '%s', next_attempt_at = :until,"
            + " lease_owner = NULL, lease_expires_at = NULL WHERE id IN (:ids) AND " + DeliveryState.CLAIMABLE_SQL
            + " AND next_attempt_at <= :now AND (lease_expires_at IS NULL OR lease_expires_at < :now)";

    /**
     * Keeps deliveries of a paused endpoint for its probe: {@code waiting}, due at the pause's end.
     *
     * @return how many were moved
     */
    int keepForProbe(Collection<String> ids, long until, long now) {
        return dueLater(DeliveryState.WAITING, ids, until, now);
    }

    /**
     * Parks deliveries of a paused endpoint: {@code parked}, due at {@code until} unless the endpoint
     * recovers first ({@link #releaseParked}).
     *
     * @return how many were moved
     */
    int park(Collection<String> ids, long until, long now) {
        return dueLater(DeliveryState.PARKED, ids, until, now);
    }

    private int dueLater(DeliveryState state, Collection<String> ids, long until, long now) {
        return jdbc.sql(DUE_LATER.formatted(state.stored()))
                .param("until", until)
                .param("now", now)
                .param("ids", List.copyOf(ids))
                .update();
    }

    // --- giving back and releasing ----------------------------------------------------------------

    /**
     * A given-back lease makes a leased delivery waiting, due at {@code :dueAt}. A held delivery whose
     * attempt was in flight loses its lease and stays held, with no due time.
     */
    private static final String GIVE_BACK = "UPDATE deliveries SET lease_owner = NULL, lease_expires_at = NULL,"
            + " next_attempt_at = CASE WHEN state = 'leased' THEN :dueAt ELSE next_attempt_at END,"
            + " state = CASE WHEN state = 'leased' THEN 'waiting' ELSE state END";

    /** Gives back the leases {@code owner} holds of these deliveries. */
    int giveBack(Collection<String> ids, String owner, long dueAt) {
        return jdbc.sql(GIVE_BACK + " WHERE id IN (:ids) AND lease_owner = :owner")
                .param("ids", List.copyOf(ids))
                .param("owner", owner)
                .param("dueAt", dueAt)
                .update();
    }

    /** Gives back every lease {@code owner} holds. */
    int giveBackAll(String owner, long dueAt) {
        return jdbc.sql(GIVE_BACK + " WHERE lease_owner = :owner")
                .param("owner", owner)
                .param("dueAt", dueAt)
                .update();
    }

    /** Gives back every lease of every owner: for a single-node store at start-up. */
    int giveBackEveryLease(long dueAt) {
        return jdbc.sql(GIVE_BACK + " WHERE lease_owner IS NOT NULL")
                .param("dueAt", dueAt)
                .update();
    }

    /** Parked deliveries whose parking has not run out yet. */
    private static final String STILL_PARKED = " state = 'parked' AND next_attempt_at > :now";

    /** Makes the endpoint's parked deliveries waiting and due now: it recovered. */
    int releaseParked(String endpointId, long now) {
        return jdbc.sql("UPDATE deliveries SET state = 'waiting', next_attempt_at = :now"
                        + " WHERE endpoint_id = :endpointId AND status = 'pending' AND" + STILL_PARKED)
                .param("now", now)
                .param("endpointId", endpointId)
                .update();
    }

    /** Makes one parked delivery waiting, due at {@code until}: kept for the endpoint's probe. */
    int keepParkedForProbe(String deliveryId, long until, long now) {
        return jdbc.sql("UPDATE deliveries SET state = 'waiting', next_attempt_at = :until WHERE id = :id AND"
                        + STILL_PARKED)
                .param("until", until)
                .param("id", deliveryId)
                .param("now", now)
                .update();
    }

    // --- endpoint changes -------------------------------------------------------------------------

    /**
     * Holds every pending delivery of a disabled endpoint: no due time. A live lease is kept — it
     * still keeps claims off the delivery while its attempt runs, and its outcome keeps the hold
     * ({@link #retryUnlessHeld}). A lease that has run out (the same test as a claim's) is cleared.
     * Queued deliveries stay queued: only their line's head is held, and it alone is released.
     */
    int holdOfDisabledEndpoint(String endpointId, long at) {
        return jdbc.sql("""
            UPDATE deliveries
               SET state = 'held', next_attempt_at = NULL,
                   lease_owner = CASE WHEN lease_expires_at < :at THEN NULL ELSE lease_owner END,
                   lease_expires_at = CASE WHEN lease_expires_at < :at THEN NULL ELSE lease_expires_at END,
                   updated_at = :at
             WHERE endpoint_id = :endpoint AND status = 'pending' AND state <> 'queued'""").param("at", at).param("endpoint", endpointId).update();
    }

    /**
     * Makes every held delivery of an enabled endpoint due now: waiting, or leased where its attempt
     * is still in flight (claimed once that lease runs out).
     */
    int releaseOfEnabledEndpoint(String endpointId, long at) {
        return jdbc.sql("UPDATE deliveries SET next_attempt_at = :at, updated_at = :at,"
                        + " state = CASE WHEN lease_owner IS NULL THEN 'waiting' ELSE 'leased' END"
                        + " WHERE endpoint_id = :endpoint AND status = 'pending' AND state = 'held'")
                .param("at", at)
                .param("endpoint", endpointId)
                .update();
    }

    /** Cancels every pending delivery of a deleted endpoint; an attempt in flight no longer moves it. */
    int cancelOfDeletedEndpoint(String endpointId, long at) {
        return jdbc.sql("UPDATE deliveries SET status = 'cancelled', state = 'cancelled', next_attempt_at = NULL,"
                        + " lease_owner = NULL, lease_expires_at = NULL, updated_at = :at"
                        + " WHERE endpoint_id = :endpoint AND status = 'pending'")
                .param("at", at)
                .param("endpoint", endpointId)
                .update();
    }

    // --- metrics ----------------------------------------------------------------------------------

    /** Due deliveries and the age of the most overdue one ({@link JdbcDeliveryQueue.QueueStats}). */
    JdbcDeliveryQueue.QueueStats queueStats(long now) {
        Map<String, Object> row = jdbc.sql("SELECT COUNT(*) AS depth, MIN(next_attempt_at) AS oldest FROM deliveries"
                        + " WHERE " + DeliveryState.CLAIMABLE_SQL + " AND next_attempt_at <= :now")
                .param("now", now)
                .query()
                .singleRow();
        long depth = ((Number) row.get("depth")).longValue();
        Number oldest = (Number) row.get("oldest");
        return new JdbcDeliveryQueue.QueueStats(depth, oldest == null ? 0 : Math.max(0, now - oldest.longValue()));
    }
}

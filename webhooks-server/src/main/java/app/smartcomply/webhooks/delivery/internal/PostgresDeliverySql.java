package app.smartcomply.webhooks.delivery.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link DeliverySql} for PostgreSQL: each write over many rows is one statement over arrays
 * ({@code unnest}), whatever the number of rows. Many nodes claim at once: {@code FOR UPDATE SKIP
 * LOCKED} lets each claimer take the due rows nobody else is taking right now, without waiting on
 * them, so N nodes never lease the same delivery and never queue up behind each other.
 *
 * <p>Why not JDBC batches: a batch still runs one statement per row on the server, and there each
 * execution's start-up, not the row, was most of the cost — in a fan-out run an outcome update took
 * 33–39 µs per row as a batch against 12 µs per row as one statement over many rows (measured on
 * this schema). The server's CPU is what the machine runs out of first, so that is what to save.
 */
final class PostgresDeliverySql extends DeliverySql {

    private static final String INSERT_DELIVERIES = """
      INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempt_count,
                              next_attempt_at, lease_owner, lease_expires_at, created_at, updated_at, mode,
                              state)
      SELECT d.id, ?, ?, d.endpoint_id, ?, 'pending', 0, d.next_attempt_at, d.lease_owner,
             d.lease_expires_at, ?, ?, ?, d.state
        FROM unnest(?::text[], ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[])
             AS d (id, endpoint_id, next_attempt_at, lease_owner, lease_expires_at, state)""";

    private static final String INSERT_ATTEMPTS = """
      INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_url,
                            request_headers, response_status, response_headers, response_body,
                            response_body_truncated, error)
      SELECT * FROM unnest(?::text[], ?::text[], ?::integer[], ?::bigint[], ?::integer[], ?::text[],
                           ?::text[], ?::integer[], ?::text[], ?::bytea[], ?::integer[], ?::text[])""";

    /**
     * The outcomes are unnested in the order given (id order); in the plans seen (a nested loop over
     * them through the primary key) rows are locked in that order. Another plan could lock in another
     * order: a deadlock then fails one group, whose recording is retried.
     */
    private static final String UPDATE_OUTCOMES = """
      UPDATE deliveries AS d
         SET status = o.status, attempt_count = o.attempt_count, %s,
             lease_owner = NULL, lease_expires_at = NULL, last_status = o.last_status,
             last_error = o.last_error, last_attempt_at = o.last_attempt_at, updated_at = ?
        FROM unnest(?::text[], ?::text[], ?::text[], ?::integer[], ?::bigint[], ?::integer[], ?::text[],
                    ?::bigint[], ?::text[])
             AS o (id, owner, status, attempt_count, next_attempt_at, last_status, last_error,
                   last_attempt_at, state)
       WHERE d.id = o.id AND d.lease_owner = o.owner AND d.status = 'pending'
      RETURNING d.id"""
            // A retry of a delivery held meanwhile (its endpoint was disabled) stays held.
            .formatted(retryUnlessHeld("o.state", "o.next_attempt_at", "d.state"));

    private static final String LEASE = """
      UPDATE deliveries SET state = 'leased', lease_owner = :owner, lease_expires_at = :leaseExpiresAt,
                            next_attempt_at = :leaseExpiresAt
       WHERE id IN (
         SELECT id FROM deliveries
          WHERE id IN (:ids) AND %s AND next_attempt_at <= :now
            AND (lease_expires_at IS NULL OR lease_expires_at < :now)
          FOR UPDATE SKIP LOCKED)
      RETURNING id""".formatted(DeliveryState.CLAIMABLE_SQL);

    /**
     * The active endpoints not in {@code :excluded} with a delivery due, the longest waiting first:
     * {@code LATERAL} probes each endpoint once in {@code deliveries_due_by_endpoint}.
     */
    private static final String WAITING_ENDPOINTS = """
      SELECT e.id FROM endpoints e
       CROSS JOIN LATERAL (
         SELECT d.next_attempt_at FROM deliveries d
          WHERE d.endpoint_id = e.id AND d.status = 'pending' AND d.next_attempt_at <= :now
          ORDER BY d.next_attempt_at LIMIT 1) oldest
       WHERE e.status = 'active' AND e.id <> ALL (:excluded::text[])
       ORDER BY oldest.next_attempt_at, e.id LIMIT :limit""";

    /** The oldest due, unleased deliveries of each of {@code :endpoints}, at most its entry of {@code :rooms}. */
    private static final String DUE_OF_ENDPOINTS = """
      SELECT d.id, d.endpoint_id FROM unnest(:endpoints::text[], :rooms::integer[]) AS w (endpoint_id, room)
       CROSS JOIN LATERAL (
         SELECT id, endpoint_id, next_attempt_at FROM deliveries
          WHERE endpoint_id = w.endpoint_id AND status = 'pending' AND next_attempt_at <= :now
            AND (lease_expires_at IS NULL OR lease_expires_at < :now)
          ORDER BY next_attempt_at LIMIT w.room) d
       ORDER BY d.next_attempt_at LIMIT :limit""";

    PostgresDeliverySql(JdbcTemplate template) {
        super(template);
    }

    @Override
    String leaseSql() {
        return LEASE;
    }

    /**
     * Yes: {@code deliveries_due_by_endpoint}. Its writes run in many backends at once: the index adds
     * about 9 µs to each delivery insert, about 5 % of PostgreSQL's statement time in a fan-out run,
     * and fan-out stayed within the spread of runs without it (docs/benchmarks.md).
     */
    @Override
    boolean readsDuePerEndpoint() {
        return true;
    }

    @Override
    List<DueCandidates.Due> dueOfEndpoints(long now, int limit, Set<String> excluded, ToIntFunction<String> roomOf) {
        List<String> waiting = jdbc.sql(WAITING_ENDPOINTS)
                .param("now", now)
                .param("excluded", excluded.toArray(String[]::new))
                .param("limit", limit)
                .query(String.class)
                .list();
        List<String> endpoints = new ArrayList<>();
        List<Integer> rooms = new ArrayList<>();
        for (String endpointId : waiting) {
            int endpointRoom = roomOf.applyAsInt(endpointId);
            if (endpointRoom > 0) { // an endpoint whose one probe is out has none
                endpoints.add(endpointId);
                rooms.add(Math.min(limit, endpointRoom));
            }
        }
        if (endpoints.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(DUE_OF_ENDPOINTS)
                .param("endpoints", endpoints.toArray(String[]::new))
                .param("rooms", rooms.toArray(Integer[]::new))
                .param("now", now)
                .param("limit", limit)
                .query((rs, n) -> new DueCandidates.Due(rs.getString(1), rs.getString(2)))
                .list();
    }

    @Override
    public void insert(NewDeliveries d) {
        Long[] nextAttemptAt = new Long[d.size()];
        String[] states = new String[d.size()];
        for (int i = 0; i < nextAttemptAt.length; i++) {
            nextAttemptAt[i] = d.nextAttemptAt()[i];
            states[i] = d.states()[i].stored();
        }
        template.execute((ConnectionCallback<Integer>) con -> {
            try (PreparedStatement ps = con.prepareStatement(INSERT_DELIVERIES)) {
                ps.setString(1, d.accountId());
                ps.setString(2, d.eventId());
                ps.setString(3, d.eventType());
                ps.setLong(4, d.createdAt());
                ps.setLong(5, d.createdAt());
                ps.setString(6, d.mode().wire());
                ps.setArray(7, con.createArrayOf("text", d.ids()));
                ps.setArray(8, con.createArrayOf("text", d.endpointIds()));
                ps.setArray(9, con.createArrayOf("int8", nextAttemptAt));
                ps.setArray(10, con.createArrayOf("text", d.leaseOwners()));
                ps.setArray(11, con.createArrayOf("int8", d.leaseExpiresAt()));
                ps.setArray(12, con.createArrayOf("text", states));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean[] record(List<AttemptOutcome> outcomes, String[] attemptIds, long now) {
        boolean[] firstOf = firstOfTheirDelivery(outcomes);
        List<AttemptOutcome> firsts = new ArrayList<>(outcomes.size());
        for (int i = 0; i < firstOf.length; i++) {
            if (firstOf[i]) {
                firsts.add(outcomes.get(i));
            }
        }
        Set<String> updated = template.execute((ConnectionCallback<Set<String>>) con -> {
            insertAttempts(con, outcomes, attemptIds);
            return updateOutcomes(con, firsts, now);
        });
        boolean[] changed = new boolean[firstOf.length];
        for (int i = 0; i < changed.length; i++) {
            changed[i] =
                    firstOf[i] && updated.contains(outcomes.get(i).delivery().id());
        }
        return changed;
    }

    /**
     * Which outcomes are the first of their delivery in the group. A delivery can appear twice — its
     * lease ran out while an attempt was being recorded and this node claimed it again — and one
     * {@code UPDATE … FROM} would apply an arbitrary one of the two; the batch form applied the
     * first and found the delivery no longer leased for the second. So only the first is updated.
     */
    private static boolean[] firstOfTheirDelivery(List<AttemptOutcome> outcomes) {
        boolean[] first = new boolean[outcomes.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < first.length; i++) {
            first[i] = seen.add(outcomes.get(i).delivery().id());
        }
        return first;
    }

    /** One attempt row per outcome. */
    private static void insertAttempts(Connection con, List<AttemptOutcome> outcomes, String[] attemptIds)
            throws SQLException {
        int n = outcomes.size();
        String[] deliveryIds = new String[n];
        Integer[] attemptNumbers = new Integer[n];
        Long[] startedAt = new Long[n];
        Integer[] durations = new Integer[n];
        String[] urls = new String[n];
        String[] requestHeaders = new String[n];
        Integer[] statuses = new Integer[n];
        String[] responseHeaders = new String[n];
        byte[][] bodies = new byte[n][];
        Integer[] truncated = new Integer[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            AttemptOutcome o = outcomes.get(i);
            AttemptResult a = o.result();
            deliveryIds[i] = o.delivery().id();
            attemptNumbers[i] = o.delivery().attemptNumber();
            startedAt[i] = a.startedAt();
            durations[i] = a.storedDurationMs();
            urls[i] = o.delivery().url();
            requestHeaders[i] = o.storedRequestHeaders();
            statuses[i] = a.status();
            responseHeaders[i] = o.storedResponseHeaders();
            bodies[i] = a.responseBody();
            truncated[i] = a.responseBodyTruncated() ? 1 : 0;
            errors[i] = a.error();
        }
        try (PreparedStatement ps = con.prepareStatement(INSERT_ATTEMPTS)) {
            ps.setArray(1, con.createArrayOf("text", attemptIds));
            ps.setArray(2, con.createArrayOf("text", deliveryIds));
            ps.setArray(3, con.createArrayOf("int4", attemptNumbers));
            ps.setArray(4, con.createArrayOf("int8", startedAt));
            ps.setArray(5, con.createArrayOf("int4", durations));
            ps.setArray(6, con.createArrayOf("text", urls));
            ps.setArray(7, con.createArrayOf("text", requestHeaders));
            ps.setArray(8, con.createArrayOf("int4", statuses));
            ps.setArray(9, con.createArrayOf("text", responseHeaders));
            ps.setArray(10, con.createArrayOf("bytea", bodies));
            ps.setArray(11, con.createArrayOf("int4", truncated));
            ps.setArray(12, con.createArrayOf("text", errors));
            ps.executeUpdate();
        }
    }

    /** The outcomes' delivery updates, one per delivery: see {@link #firstOfTheirDelivery}. */
    private static Set<String> updateOutcomes(Connection con, List<AttemptOutcome> outcomes, long now)
            throws SQLException {
        int n = outcomes.size();
        String[] ids = new String[n];
        String[] owners = new String[n];
        String[] nextStatuses = new String[n];
        Integer[] attemptNumbers = new Integer[n];
        Long[] nextAttemptAt = new Long[n];
        Integer[] statuses = new Integer[n];
        String[] errors = new String[n];
        Long[] startedAt = new Long[n];
        String[] states = new String[n];
        for (int i = 0; i < n; i++) {
            AttemptOutcome o = outcomes.get(i);
            states[i] = o.next().state().stored();
            ids[i] = o.delivery().id();
            owners[i] = o.owner();
            nextStatuses[i] = o.next().status().wireName();
            attemptNumbers[i] = o.delivery().attemptNumber();
            nextAttemptAt[i] = o.next().nextAttemptAt();
            statuses[i] = o.result().status();
            errors[i] = o.result().error();
            startedAt[i] = o.result().startedAt();
        }
        try (PreparedStatement ps = con.prepareStatement(UPDATE_OUTCOMES)) {
            ps.setLong(1, now);
            ps.setArray(2, con.createArrayOf("text", ids));
            ps.setArray(3, con.createArrayOf("text", owners));
            ps.setArray(4, con.createArrayOf("text", nextStatuses));
            ps.setArray(5, con.createArrayOf("int4", attemptNumbers));
            ps.setArray(6, con.createArrayOf("int8", nextAttemptAt));
            ps.setArray(7, con.createArrayOf("int4", statuses));
            ps.setArray(8, con.createArrayOf("text", errors));
            ps.setArray(9, con.createArrayOf("int8", startedAt));
            ps.setArray(10, con.createArrayOf("text", states));
            Set<String> updated = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    updated.add(rs.getString(1));
                }
            }
            return updated;
        }
    }
}

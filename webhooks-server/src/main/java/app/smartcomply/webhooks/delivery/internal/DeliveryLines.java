package app.smartcomply.webhooks.delivery.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements of ordered delivery: an endpoint with ordering {@code fifo} sends each of its
 * lines one delivery at a time. A line is the endpoint's deliveries with the same {@code line}
 * value (see {@code DeliveryOrdering.lineOf}); its <em>head</em> is the one pending delivery of the
 * line that is not {@link DeliveryState#QUEUED queued} — waiting, leased, parked or held like any
 * other — and the rest wait {@code queued}: pending, no due time, no lease, so no claim reads them
 * and no hand-off starts them. When the head ends (succeeded, or failed: the dead letter), the
 * recording of that outcome makes the next one, by {@code line_seq}, due now in the same
 * transaction ({@link #promote}).
 *
 * <p><b>The line's lock.</b> Each statement that decides whether a delivery is a line's head first
 * takes the line's row in {@code delivery_lines} ({@link #enter} by an upsert, {@link #promote} by a
 * no-op update), and holds it until its transaction ends. So on PostgreSQL a publish and the
 * recording of the head's end, or two publishes on two nodes, never both see the line without
 * the other's delivery: the second waits for the first to commit and then reads the line again (a
 * new statement under READ COMMITTED sees the commit). A line's order is the order in which its
 * deliveries took the lock — for publishes, their commit order. On SQLite there is one writer: the
 * lock costs nothing and orders nothing new. The row also numbers the line ({@code last_seq}) and
 * is deleted when the line empties, so the table holds only lines with pending deliveries.
 * Locks are taken in (endpoint, line) order within one recording group, and publishes take them
 * in endpoint order.
 *
 * <p>Unordered deliveries ({@code line} null) never reach this class: a publish or an outcome of
 * an unordered endpoint runs none of these statements.
 *
 * <p>Every method runs in the caller's transaction. Thread-safe: statements only.
 */
public final class DeliveryLines {

    /** The keyless line: an ordered endpoint without a key, or an event whose data lacks it. */
    public static final String KEYLESS = "";

    /**
     * Where a new delivery goes in its line.
     *
     * @param seq its place, after every delivery of the line given a place before it
     * @param behind whether the line has a pending delivery already: then the new one is queued
     */
    public record Place(long seq, boolean behind) {}

    private final JdbcClient jdbc;

    public DeliveryLines(JdbcTemplate template) {
        this.jdbc = JdbcClient.create(template);
    }

    /** A pending delivery of the line {@code :endpoint, :line}; the index {@code deliveries_in_line}. */
    private static final String IN_LINE =
            " endpoint_id = :endpoint AND line = :line AND line IS NOT NULL AND status = 'pending'";

    /**
     * Takes the line's lock and the next place in it, and says whether the line has a pending
     * delivery already. Two statements: the read must start after the lock is held, to see what
     * the lock's previous holder committed.
     */
    public Place enter(String endpointId, String line) {
        long seq = jdbc.sql("INSERT INTO delivery_lines (endpoint_id, line, last_seq) VALUES (:endpoint, :line, 1)"
                        + " ON CONFLICT (endpoint_id, line) DO UPDATE SET last_seq = delivery_lines.last_seq + 1"
                        + " RETURNING last_seq")
                .param("endpoint", endpointId)
                .param("line", line)
                .query(Long.class)
                .single();
        boolean behind = !jdbc.sql("SELECT id FROM deliveries WHERE" + IN_LINE + " LIMIT 1")
                .param("endpoint", endpointId)
                .param("line", line)
                .query(String.class)
                .list()
                .isEmpty();
        return new Place(seq, behind);
    }

    /**
     * Inserts one new delivery of an ordered endpoint at its place: {@code queued} (no due time,
     * no lease) behind its line's head, or in the state the intake chose for a head.
     *
     * @param i which of the event's deliveries; its state is {@link DeliveryState#QUEUED} or one of
     *     {@link DeliveryState#INITIAL}
     */
    public void insert(NewDeliveries event, int i, String line, long seq) {
        DeliveryState state = event.states()[i];
        jdbc.sql("INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempt_count,"
                        + " next_attempt_at, lease_owner, lease_expires_at, created_at, updated_at, mode, state, line,"
                        + " line_seq) VALUES (:id, :account, :event, :endpoint, :type, 'pending', 0, :due, :owner,"
                        + " :expiry, :at, :at, :mode, :state, :line, :seq)")
                .param("id", event.ids()[i])
                .param("account", event.accountId())
                .param("event", event.eventId())
                .param("endpoint", event.endpointIds()[i])
                .param("type", event.eventType())
                .param("due", state == DeliveryState.QUEUED ? null : event.nextAttemptAt()[i], java.sql.Types.BIGINT)
                .param("owner", event.leaseOwners()[i], java.sql.Types.VARCHAR)
                .param("expiry", event.leaseExpiresAt()[i], java.sql.Types.BIGINT)
                .param("at", event.createdAt())
                .param("mode", event.mode().wire())
                .param("state", state.stored())
                .param("line", line)
                .param("seq", seq)
                .update();
    }

    /**
     * After a recording group: for each outcome that ended its delivery (it was updated, to
     * succeeded or failed) and belongs to a line, makes the line's next delivery due. Lines in
     * (endpoint, line) order, each lock taken once.
     *
     * @param changed per outcome, same order: whether {@link DeliverySql#record} moved its delivery
     * @return the endpoints that got a delivery due, for the wake-up
     */
    List<String> advance(List<AttemptOutcome> outcomes, boolean[] changed, long now) {
        TreeSet<String[]> lines = null;
        for (int i = 0; i < outcomes.size(); i++) {
            AttemptOutcome outcome = outcomes.get(i);
            String line = outcome.delivery().line();
            if (line != null && changed[i] && ends(outcome.next().state())) {
                if (lines == null) {
                    lines = new TreeSet<>(
                            Comparator.<String[], String>comparing(l -> l[0]).thenComparing(l -> l[1]));
                }
                lines.add(new String[] {outcome.delivery().endpointId(), line});
            }
        }
        if (lines == null) {
            return List.of();
        }
        List<String> promoted = new ArrayList<>();
        for (String[] line : lines) {
            if (promote(line[0], line[1], now)) {
                promoted.add(line[0]);
            }
        }
        return promoted;
    }

    private static boolean ends(DeliveryState state) {
        return state == DeliveryState.SUCCEEDED || state == DeliveryState.FAILED;
    }

    /**
     * Makes the line's first queued delivery due now — or held, if its endpoint is disabled — if
     * the line has no head; deletes the line's row if nothing of it is pending. Takes the line's
     * lock first.
     *
     * @return whether a delivery was made due (or held)
     */
    boolean promote(String endpointId, String line, long now) {
        jdbc.sql("UPDATE delivery_lines SET last_seq = last_seq WHERE endpoint_id = :endpoint AND line = :line")
                .param("endpoint", endpointId)
                .param("line", line)
                .update();
        int promoted = jdbc.sql("UPDATE deliveries SET updated_at = :now,"
                        + " state = CASE WHEN " + ENDPOINT_ACTIVE + " THEN 'waiting' ELSE 'held' END,"
                        + " next_attempt_at = CASE WHEN " + ENDPOINT_ACTIVE + " THEN :now ELSE NULL END"
                        + " WHERE id = (SELECT id FROM deliveries WHERE" + IN_LINE + " AND state = 'queued'"
                        + " ORDER BY line_seq LIMIT 1)"
                        + " AND NOT EXISTS (SELECT 1 FROM deliveries WHERE" + IN_LINE + " AND state <> 'queued')")
                .param("endpoint", endpointId)
                .param("line", line)
                .param("now", now)
                .update();
        if (promoted == 0) {
            jdbc.sql("DELETE FROM delivery_lines WHERE endpoint_id = :endpoint AND line = :line"
                            + " AND NOT EXISTS (SELECT 1 FROM deliveries WHERE" + IN_LINE + ")")
                    .param("endpoint", endpointId)
                    .param("line", line)
                    .update();
        }
        return promoted > 0;
    }

    /** Whether the endpoint of the row being updated is active (a subquery per row). */
    private static final String ENDPOINT_ACTIVE =
            "(SELECT e.status FROM endpoints e WHERE e.id = deliveries.endpoint_id) = 'active'";

    /**
     * Sends an ended delivery of a line again, by hand: it goes to the end of its line — waiting
     * and due now if nothing of the line is pending, queued otherwise. If its endpoint is no longer
     * ordered, it leaves the line and is waiting, due now, like any retry.
     *
     * @return 1 if it was ended and is pending now, else 0
     */
    int reenter(String deliveryId, long now) {
        record Ended(String endpointId, String line, boolean ordered) {}
        List<Ended> ended = jdbc.sql("SELECT d.endpoint_id, d.line, e.ordering FROM deliveries d"
                        + " JOIN endpoints e ON e.id = d.endpoint_id"
                        + " WHERE d.id = :id AND d.line IS NOT NULL AND d.status IN ('succeeded', 'failed')")
                .param("id", deliveryId)
                .query((rs, n) -> new Ended(rs.getString(1), rs.getString(2), "fifo".equals(rs.getString(3))))
                .list();
        if (ended.isEmpty()) {
            return 0;
        }
        Ended row = ended.getFirst();
        if (!row.ordered()) {
            return jdbc.sql("UPDATE deliveries SET status = 'pending', state = 'waiting', next_attempt_at = :now,"
                            + " updated_at = :now, line = NULL, line_seq = NULL WHERE id = :id"
                            + " AND status IN ('succeeded', 'failed')")
                    .param("now", now)
                    .param("id", deliveryId)
                    .update();
        }
        Place place = enter(row.endpointId(), row.line());
        return jdbc.sql("UPDATE deliveries SET status = 'pending', state = :state, next_attempt_at = :due,"
                        + " updated_at = :now, line_seq = :seq WHERE id = :id AND status IN ('succeeded', 'failed')")
                .param("state", place.behind() ? "queued" : "waiting")
                .param("due", place.behind() ? null : now, java.sql.Types.BIGINT)
                .param("now", now)
                .param("seq", place.seq())
                .param("id", deliveryId)
                .update();
    }

    /**
     * Sends the endpoint's dead letters of its lines created since {@code since} again, by hand,
     * each to the end of its line in the order they were made ({@link #reenter}).
     *
     * @return how many
     */
    int recover(String endpointId, long since, long now) {
        List<String> dead = jdbc.sql("SELECT id FROM deliveries WHERE endpoint_id = :endpoint AND status = 'failed'"
                        + " AND created_at >= :since AND line IS NOT NULL ORDER BY created_at, line_seq, id")
                .param("endpoint", endpointId)
                .param("since", since)
                .query(String.class)
                .list();
        int count = 0;
        for (String id : dead) {
            count += reenter(id, now);
        }
        return count;
    }

    /**
     * The endpoint's ordering was switched off: its queued deliveries leave their lines, waiting and
     * due now (held if the endpoint is disabled). Heads keep their line until they end; that end then
     * finds nothing queued.
     *
     * @return how many were released
     */
    public int releaseQueued(String endpointId, long now) {
        return jdbc.sql("UPDATE deliveries SET updated_at = :now, line = NULL, line_seq = NULL,"
                        + " state = CASE WHEN " + ENDPOINT_ACTIVE + " THEN 'waiting' ELSE 'held' END,"
                        + " next_attempt_at = CASE WHEN " + ENDPOINT_ACTIVE + " THEN :now ELSE NULL END"
                        + " WHERE endpoint_id = :endpoint AND status = 'pending' AND state = 'queued'")
                .param("endpoint", endpointId)
                .param("now", now)
                .update();
    }
}

package app.smartcomply.webhooks.retention;

import app.smartcomply.webhooks.store.Dialect;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One batch of the event purge: looks at the next events older than the horizon, in id order, and
 * deletes those nothing holds back, with their deliveries and attempts. Must run inside a
 * transaction; it is meant to be a short one.
 *
 * <p>What holds an event back: a delivery still {@code pending} (waiting, retrying, held for a
 * disabled endpoint, or leased to a node right now), or a dead-lettered ({@code failed}) one whose
 * last attempt is more recent than the horizon. Succeeded and cancelled deliveries hold nothing.
 *
 * <p>The events are found through their primary key: ids begin with their creation time, so the
 * events older than the horizon are a range of ids and no index of creation times is needed (and
 * none paid for on every publish). A delivery's state is read through {@code deliveries_by_event},
 * its attempts through {@code attempts_by_delivery}.
 */
final class EventPurge {

    /** What one batch looked at and deleted. */
    record Batch(int examined, String lastExamined, int events, int deliveries, int attempts) {}

    private static final String HELD_BACK = """
      SELECT 1 FROM deliveries d WHERE d.event_id = e.id
         AND (d.status = 'pending'
              OR (d.status = 'failed' AND COALESCE(d.last_attempt_at, d.updated_at) >= :horizon))""";

    private final JdbcClient jdbc;
    private final boolean locksRows;

    EventPurge(JdbcClient jdbc, Dialect dialect) {
        this.jdbc = jdbc;
        // SQLite runs every write transaction alone (BEGIN IMMEDIATE): nothing changes a delivery
        // between this batch's read and its delete. PostgreSQL must lock them (see below).
        this.locksRows = !dialect.embedded();
    }

    /**
     * @param after the last event id the previous batch of this round looked at ("evt_" at first)
     * @param horizon epoch ms: events created before it, and dead letters last tried before it, go
     * @param size how many events to look at
     */
    Batch run(String after, long horizon, int size) {
        List<String> examined = jdbc.sql(
                        "SELECT id FROM events WHERE id > :after AND id < :below ORDER BY id LIMIT :size")
                .param("after", after)
                .param("below", PrefixedIds.lowestAt("evt_", horizon))
                .param("size", size)
                .query(String.class)
                .list();
        if (examined.isEmpty()) {
            return new Batch(0, after, 0, 0, 0);
        }
        if (locksRows) {
            // A retry of a dead letter (or a recover) may set it pending again at any moment. Locking
            // the deliveries first makes that wait for this batch — and then find the row gone — or
            // makes this batch see it pending: never a delivery deleted just after a retry was accepted.
            // In id order, like every other multi-row locker should, to keep deadlocks unlikely; the
            // pending rows among them belong to events past the retention period, which no claim leases
            // in practice (held for a disabled endpoint, or retrying for longer than the period).
            jdbc.sql("SELECT id FROM deliveries WHERE event_id IN (:ids) ORDER BY id FOR UPDATE")
                    .param("ids", examined)
                    .query(String.class)
                    .list();
        }
        List<String> purgeable = jdbc.sql("SELECT e.id FROM events e WHERE e.id IN (:ids) AND e.created_at < :horizon"
                        + " AND NOT EXISTS (" + HELD_BACK + ")")
                .param("ids", examined)
                .param("horizon", horizon)
                .query(String.class)
                .list();
        String last = examined.getLast();
        if (purgeable.isEmpty()) {
            return new Batch(examined.size(), last, 0, 0, 0);
        }
        int attempts = jdbc.sql("DELETE FROM attempts WHERE delivery_id IN"
                        + " (SELECT id FROM deliveries WHERE event_id IN (:ids))")
                .param("ids", purgeable)
                .update();
        int deliveries = jdbc.sql("DELETE FROM deliveries WHERE event_id IN (:ids)")
                .param("ids", purgeable)
                .update();
        int events = jdbc.sql("DELETE FROM events WHERE id IN (:ids)")
                .param("ids", purgeable)
                .update();
        return new Batch(examined.size(), last, events, deliveries, attempts);
    }
}

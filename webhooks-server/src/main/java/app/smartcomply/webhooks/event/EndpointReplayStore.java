package app.smartcomply.webhooks.event;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.event.ReplayDeliveries.StoredEvent;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code endpoint_replays} table, and the events a replay reads. Customer reads are scoped by
 * account and mode; progress writes are conditional on the last event id, so two runners of one
 * replay (a slow node and the one that resumed it) never both commit a batch.
 */
final class EndpointReplayStore {

    private static final String COLUMNS = "id, account_id, mode, endpoint_id, since, until, types, status,"
            + " total_count, created_count, error, created_at, completed_at";

    /** A running replay as its runner needs it. */
    record Job(
            String id,
            String accountId,
            ApiKeyMode mode,
            String endpointId,
            long since,
            long until,
            List<String> types,
            String lastEventId) {}

    private final JdbcClient jdbc;

    EndpointReplayStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @throws org.springframework.dao.DataAccessException if the endpoint has a running replay (the
     *     unique index on running rows)
     */
    void insertRunning(EndpointReplay replay) {
        jdbc.sql("INSERT INTO endpoint_replays (" + COLUMNS + ", last_event_id, heartbeat_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?, NULL, '', ?)")
                .params(
                        replay.id(),
                        replay.accountId(),
                        replay.mode().wire(),
                        replay.endpointId(),
                        replay.since(),
                        replay.until(),
                        String.join(",", replay.types()),
                        EndpointReplay.RUNNING,
                        replay.total(),
                        replay.createdAt(),
                        replay.createdAt())
                .update();
    }

    boolean hasRunning(String endpointId) {
        return jdbc.sql("SELECT COUNT(*) FROM endpoint_replays WHERE endpoint_id = ? AND status = 'running'")
                        .param(endpointId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Keeps the newest {@code keep} finished replays of the endpoint. */
    void prune(String endpointId, int keep) {
        jdbc.sql("DELETE FROM endpoint_replays WHERE endpoint_id = ? AND status <> 'running' AND id NOT IN"
                        + " (SELECT id FROM endpoint_replays WHERE endpoint_id = ? ORDER BY id DESC LIMIT ?)")
                .params(endpointId, endpointId, keep)
                .update();
    }

    /** How many events of the job's account and mode in its window match its types. */
    int countEvents(Job job, List<String> reservedTypes) {
        List<Object> params = new ArrayList<>();
        String where = eventsWhere(job, params, reservedTypes);
        return jdbc.sql("SELECT COUNT(*) FROM events WHERE " + where)
                .params(params)
                .query(Long.class)
                .single()
                .intValue();
    }

    /** The next events of the job after its last one, in order of publication. */
    List<StoredEvent> nextEvents(Job job, List<String> reservedTypes, int limit) {
        List<Object> params = new ArrayList<>();
        String where = eventsWhere(job, params, reservedTypes) + " AND id > ?";
        params.add(job.lastEventId());
        params.add(limit);
        return jdbc.sql("SELECT " + EventReplay.STORED_EVENT_COLUMNS + " FROM events WHERE " + where
                        + " ORDER BY id LIMIT ?")
                .params(params)
                .query(EventReplay::storedEvent)
                .list();
    }

    /**
     * The window by id (ids carry their creation time and sort by it, so this walks the index of
     * the account's events), and the types: the listed ones, or all but the reserved ones.
     */
    private static String eventsWhere(Job job, List<Object> params, List<String> reservedTypes) {
        StringBuilder where = new StringBuilder("account_id = ? AND mode = ? AND id >= ? AND id < ?");
        params.addAll(List.of(
                job.accountId(),
                job.mode().wire(),
                PrefixedIds.lowestAt("evt_", job.since()),
                PrefixedIds.lowestAt("evt_", job.until())));
        boolean all = job.types().contains("*");
        List<String> listed = all ? reservedTypes : job.types();
        if (!listed.isEmpty()) {
            where.append(all ? " AND type NOT IN (" : " AND type IN (")
                    .append(String.join(", ", listed.stream().map(t -> "?").toList()))
                    .append(')');
            params.addAll(listed);
        }
        return where.toString();
    }

    /**
     * Records a committed batch: {@code added} deliveries, up to {@code toEventId}.
     *
     * @return false if the replay is no longer running from {@code fromEventId} (another runner
     *     moved it on, it ended, or its endpoint was deleted): the batch must not commit
     */
    boolean advance(String id, String fromEventId, String toEventId, int added, long now) {
        return jdbc.sql("UPDATE endpoint_replays SET last_event_id = ?, created_count = created_count + ?,"
                                + " heartbeat_at = ? WHERE id = ? AND status = 'running' AND last_event_id = ?")
                        .params(toEventId, added, now, id, fromEventId)
                        .update()
                == 1;
    }

    void finish(String id, String status, String error, long now) {
        jdbc.sql("UPDATE endpoint_replays SET status = ?, error = ?, completed_at = ?, heartbeat_at = ?"
                        + " WHERE id = ? AND status = 'running'")
                .params(status, error, now, now, id)
                .update();
    }

    Optional<Job> runningJob(String id) {
        return jdbc.sql("SELECT id, account_id, mode, endpoint_id, since, until, types, last_event_id"
                        + " FROM endpoint_replays WHERE id = ? AND status = 'running'")
                .param(id)
                .query((rs, n) -> new Job(
                        rs.getString(1),
                        rs.getString(2),
                        ApiKeyMode.fromStored(rs.getString(3)),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        types(rs.getString(7)),
                        rs.getString(8)))
                .optional();
    }

    /** Running replays whose runner has not moved them since {@code before}: its node stopped. */
    List<String> stale(long before) {
        return jdbc.sql("SELECT id FROM endpoint_replays WHERE status = 'running' AND heartbeat_at < ? ORDER BY id")
                .param(before)
                .query(String.class)
                .list();
    }

    /** Takes over a stale replay; false if another node did first. */
    boolean takeOver(String id, long staleBefore, long now) {
        return jdbc.sql("UPDATE endpoint_replays SET heartbeat_at = ? WHERE id = ? AND status = 'running'"
                                + " AND heartbeat_at < ?")
                        .params(now, id, staleBefore)
                        .update()
                == 1;
    }

    Optional<EndpointReplay> find(String accountId, ApiKeyMode mode, String endpointId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM endpoint_replays WHERE id = ? AND account_id = ? AND mode = ?"
                        + " AND endpoint_id = ?")
                .params(id, accountId, mode.wire(), endpointId)
                .query(EndpointReplayStore::row)
                .optional();
    }

    /** The endpoint's replays, newest first. */
    List<EndpointReplay> list(String accountId, ApiKeyMode mode, String endpointId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM endpoint_replays WHERE account_id = ? AND mode = ?"
                        + " AND endpoint_id = ? ORDER BY id DESC LIMIT ?")
                .params(accountId, mode.wire(), endpointId, limit)
                .query(EndpointReplayStore::row)
                .list();
    }

    void deleteOfEndpoint(String endpointId) {
        jdbc.sql("DELETE FROM endpoint_replays WHERE endpoint_id = ?")
                .param(endpointId)
                .update();
    }

    private static List<String> types(String stored) {
        return List.of(stored.split(","));
    }

    private static EndpointReplay row(ResultSet rs, int n) throws SQLException {
        long completed = rs.getLong(13);
        Long completedAt = rs.wasNull() ? null : completed;
        return new EndpointReplay(
                rs.getString(1),
                rs.getString(2),
                ApiKeyMode.fromStored(rs.getString(3)),
                rs.getString(4),
                rs.getLong(5),
                rs.getLong(6),
                types(rs.getString(7)),
                rs.getString(8),
                rs.getInt(9),
                rs.getInt(10),
                rs.getString(11),
                rs.getLong(12),
                completedAt);
    }
}

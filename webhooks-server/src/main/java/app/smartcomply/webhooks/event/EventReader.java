package app.smartcomply.webhooks.event;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.error.NotFoundException;
import app.smartcomply.webhooks.retention.RetentionHorizon;
import app.smartcomply.webhooks.store.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Reads an account's events back, one mode at a time: the list and one event. */
@Service
public class EventReader {

    private final JdbcClient jdbc;
    private final RetentionHorizon horizon;

    EventReader(JdbcClient jdbc, RetentionHorizon horizon) {
        this.jdbc = jdbc;
        this.horizon = horizon;
    }

    /** The account's events of this mode, newest first, optionally of one type. */
    public Page<Event> list(String accountId, ApiKeyMode mode, String type, int limit, String startingAfter) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, account_id, type, created_at, payload, mode FROM events WHERE account_id = ? AND mode = ?");
        var params = new java.util.ArrayList<Object>();
        params.add(accountId);
        params.add(mode.wire());
        if (type != null) {
            sql.append(" AND type = ?");
            params.add(type);
        }
        if (startingAfter != null) {
            sql.append(" AND id < ?");
            params.add(startingAfter);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit + 1);
        return Page.fromOverfetch(
                jdbc.sql(sql.toString()).params(params).query(EventReader::map).list(), limit);
    }

    /**
     * @throws NotFoundException if the account has no event of this mode by that id; with code
     *     {@code event_purged} if the id is older than the retention period
     */
    public Event get(String accountId, ApiKeyMode mode, String id) {
        return jdbc.sql("SELECT id, account_id, type, created_at, payload, mode FROM events"
                        + " WHERE id = ? AND account_id = ? AND mode = ?")
                .params(id, accountId, mode.wire())
                .query(EventReader::map)
                .optional()
                .orElseThrow(() -> horizon.missing("event", "evt_", id, "id", accountId));
    }

    int deliveryCount(String eventId) {
        return jdbc.sql("SELECT COUNT(*) FROM deliveries WHERE event_id = ?")
                .param(eventId)
                .query(Integer.class)
                .single();
    }

    private static Event map(ResultSet rs, int row) throws SQLException {
        return new Event(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getBytes(5),
                ApiKeyMode.fromStored(rs.getString(6)));
    }
}

package app.smartcomply.webhooks.event;

import app.smartcomply.webhooks.account.ApiKeyMode;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * An account's events of one mode in publication order, read forward from a cursor (an event
 * id): what a stream of events — {@code webhooks listen} — follows. Ids sort by creation time,
 * so the primary-key order is the publication order.
 */
@Service
public class EventFeed {

    private final JdbcClient jdbc;

    EventFeed(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} events with ids above {@code afterId}, oldest first. */
    public List<Event> after(String accountId, ApiKeyMode mode, String afterId, int limit) {
        return jdbc.sql("SELECT id, account_id, type, created_at, payload, mode FROM events"
                        + " WHERE account_id = ? AND mode = ? AND id > ? ORDER BY id LIMIT ?")
                .params(accountId, mode.wire(), afterId, limit)
                .query((rs, n) -> new Event(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getBytes(5),
                        ApiKeyMode.fromStored(rs.getString(6))))
                .list();
    }
}

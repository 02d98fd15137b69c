package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.store.Dialect;
import app.smartcomply.webhooks.store.TransactionStatements;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An account's active HTTP endpoints of one mode, with the types each subscribes to — what a
 * publish fans out to. On SQLite the lists are kept in memory between publishes.
 *
 * <p>Every publish asks for its account's list, and on SQLite it asks on the store's one writer
 * thread, where compiling and running the endpoints query took a fifth of the thread's time (decision
 * 028). So on SQLite a list is kept with a token: a trigger on {@code endpoints} (SQLite migration
 * V17) writes a new random token into the one row of {@code endpoint_changes} whenever an endpoint
 * is inserted or deleted or a column this query reads changes, in the changing transaction itself.
 * A kept list is used only while that row still holds the token read <em>before</em> the list was
 * queried: a change committed after the token was read changes the token, so it can make a kept list
 * look stale, never a stale list look current. A token is random, not counted up, because a rolled
 * back change puts the previous value back and a count would hand out its number again.
 *
 * <p>PostgreSQL always runs the query: there publishes run in parallel on many connections and
 * nodes, and one hot row that every endpoint change writes would serialize those changes and could
 * deadlock two transactions that change several endpoints each.
 *
 * <p>Contract: {@link #of} returns the rows the query would return in the caller's transaction (or
 * at the moment of the call outside one). At most {@link #MAX_KEPT} lists are kept; past that all
 * are dropped and refilled by use. Thread-safe.
 */
@Component
class AccountEndpointLists {

    /** Lists kept at most: one per account and mode that publishes. */
    static final int MAX_KEPT = 10_000;

    private static final String TOKEN = "SELECT token FROM endpoint_changes WHERE id = 1";

    private final JdbcClient jdbc;
    private final TransactionStatements statements;
    private final boolean keep;
    private final Map<Key, Kept> kept = new ConcurrentHashMap<>();

    AccountEndpointLists(JdbcClient jdbc, TransactionStatements statements, Dialect dialect) {
        this.jdbc = jdbc;
        this.statements = statements;
        this.keep = dialect.engine() == Dialect.Engine.SQLITE;
    }

    /** The account's active HTTP endpoints of this mode, in id order. */
    List<ListedEndpoint> of(String accountId, ApiKeyMode mode) {
        if (!keep) {
            return query(accountId, mode);
        }
        Key key = new Key(accountId, mode);
        long token = token(); // before the list: see the class's contract
        Kept list = kept.get(key);
        if (list != null && list.token == token) {
            return list.endpoints;
        }
        List<ListedEndpoint> endpoints = query(accountId, mode);
        if (kept.size() >= MAX_KEPT) {
            kept.clear();
        }
        kept.put(key, new Kept(token, endpoints));
        return endpoints;
    }

    private long token() {
        return statements.run(TOKEN, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("endpoint_changes has no row: the store's migrations did not run");
                }
                return rows.getLong(1);
            }
        });
    }

    private List<ListedEndpoint> query(String accountId, ApiKeyMode mode) {
        return List.copyOf(jdbc.sql("SELECT id, url, event_types, filter, ordering, ordering_key FROM endpoints"
                        + " WHERE account_id = ? AND mode = ? AND status = 'active'"
                        // Listen sessions are never sent to: the CLI streams their events itself.
                        + " AND kind = 'http' AND deleted_at IS NULL ORDER BY id")
                .params(accountId, mode.wire())
                .query((rs, n) -> new ListedEndpoint(
                        new Subscriber(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(4),
                                DeliveryOrdering.stored(rs.getString(5), rs.getString(6))),
                        List.of(rs.getString(3).split(","))))
                .list()); // unmodifiable: a kept list is shared by every publish that reads it
    }

    private record Key(String accountId, ApiKeyMode mode) {}

    private record Kept(long token, List<ListedEndpoint> endpoints) {}

    /**
     * One endpoint of a list.
     *
     * @param eventTypes the types it subscribes to, as stored: {@code *} for every type
     */
    record ListedEndpoint(Subscriber subscriber, List<String> eventTypes) {

        boolean subscribes(String eventType) {
            for (String type : eventTypes) {
                if (type.equals("*") || type.equals(eventType)) {
                    return true;
                }
            }
            return false;
        }
    }
}

package app.smartcomply.webhooks.audit;

import app.smartcomply.webhooks.store.Page;
import app.smartcomply.webhooks.store.PrefixedIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit log: who changed what configuration, when, and from where.
 *
 * <p>{@link #record} joins the caller's transaction, so an entry exists exactly when the change it
 * describes committed. Entries are only ever added, and removed by {@link AuditRetention} when
 * older than the retention period: nothing here, and no route, changes one.
 */
@Service
public class AuditLog {

    private static final String COLUMNS = "id, account_id, created_at, action, actor_type, actor_key_id,"
            + " actor_description, target_type, target_id, changes, reason, ip, user_agent";

    private final JdbcClient jdbc;
    private final PrefixedIds ids;
    private final Clock clock;
    private final JsonMapper json;

    AuditLog(JdbcClient jdbc, PrefixedIds ids, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.json = json;
    }

    /** Records a change by the context's actor, without a reason. */
    public void record(
            String accountId, AuditContext context, AuditAction action, AuditTarget target, List<AuditChange> changes) {
        record(accountId, context, action, target, changes, null);
    }

    /**
     * Writes one entry in the current transaction.
     *
     * @param accountId whose configuration changed; null for the platform's own (the admin key)
     * @param changes the fields touched; never secret values (see {@link AuditChange})
     * @param reason why the service acted on its own, or null
     */
    public void record(
            String accountId,
            AuditContext context,
            AuditAction action,
            AuditTarget target,
            List<AuditChange> changes,
            String reason) {
        Actor actor = context.actor();
        jdbc.sql("INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        ids.next("aud_"),
                        accountId,
                        clock.millis(),
                        action.wire(),
                        actor.type().wire(),
                        actor.keyId(),
                        actor.description(),
                        target.type(),
                        target.id(),
                        encode(changes),
                        reason,
                        context.ip(),
                        context.userAgent())
                .update();
    }

    /**
     * One page of an account's entries (or, with a null account, the platform's own), newest
     * first, matching the filter.
     */
    public Page<AuditEntry> list(String accountId, AuditFilter filter, int limit, String startingAfter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE ");
        List<Object> params = new ArrayList<>();
        if (accountId == null) {
            sql.append("account_id IS NULL");
        } else {
            sql.append("account_id = ?");
            params.add(accountId);
        }
        condition(sql, params, "target_id = ?", filter.targetId());
        condition(
                sql,
                params,
                "action = ?",
                filter.action() == null ? null : filter.action().wire());
        condition(sql, params, "created_at > ?", filter.createdAfter());
        condition(sql, params, "created_at < ?", filter.createdBefore());
        condition(sql, params, "id < ?", startingAfter);
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(limit + 1);
        return Page.fromOverfetch(
                jdbc.sql(sql.toString()).params(params).query(this::map).list(), limit);
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            params.add(value);
        }
    }

    private String encode(List<AuditChange> changes) {
        ArrayNode array = json.createArrayNode();
        for (AuditChange change : changes) {
            ObjectNode node = array.addObject();
            node.put("field", change.field());
            if (change.from() != null || change.to() != null) {
                node.put("from", change.from());
                node.put("to", change.to());
            }
        }
        return json.writeValueAsString(array);
    }

    private List<AuditChange> decode(String stored) {
        List<AuditChange> changes = new ArrayList<>();
        if (stored == null) {
            return changes;
        }
        for (JsonNode node : json.readTree(stored)) {
            changes.add(new AuditChange(node.get("field").asString(), text(node, "from"), text(node, "to")));
        }
        return List.copyOf(changes);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(
                rs.getString("id"),
                rs.getString("account_id"),
                rs.getLong("created_at"),
                AuditAction.fromWire(rs.getString("action")).orElseThrow(),
                new Actor(
                        Actor.Type.fromWire(rs.getString("actor_type")),
                        rs.getString("actor_key_id"),
                        rs.getString("actor_description")),
                new AuditTarget(rs.getString("target_type"), rs.getString("target_id")),
                decode(rs.getString("changes")),
                rs.getString("reason"),
                rs.getString("ip"),
                rs.getString("user_agent"));
    }
}

package app.smartcomply.webhooks.notice;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which notices were sent for each endpoint's current run of failures ({@code endpoint_notices}),
 * so each is sent once: the claim is a single conditional write, so of several nodes, or of a node
 * before and after a restart, exactly one wins it. A run is identified by its {@code
 * failing_since}: a new run claims afresh, and a recovery deletes the row.
 */
@Component
class NoticeLedger {

    private final JdbcClient jdbc;

    NoticeLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the "failing" notice of the run; false if it or the "disabled" one was sent already. */
    boolean claimFailing(String endpointId, long failingSince, long now) {
        return jdbc.sql(
                                "INSERT INTO endpoint_notices (endpoint_id, failing_since, failing_sent_at) VALUES (?, ?, ?)"
                                        + " ON CONFLICT (endpoint_id) DO UPDATE SET failing_since = excluded.failing_since,"
                                        + " failing_sent_at = excluded.failing_sent_at, disabled_sent_at = NULL"
                                        + " WHERE endpoint_notices.failing_since <> excluded.failing_since"
                                        + " OR (endpoint_notices.failing_sent_at IS NULL AND endpoint_notices.disabled_sent_at IS NULL)")
                        .params(endpointId, failingSince, now)
                        .update()
                == 1;
    }

    /** Claims the "disabled" notice of the run; false if it was sent already. */
    boolean claimDisabled(String endpointId, long failingSince, long now) {
        return jdbc.sql("INSERT INTO endpoint_notices (endpoint_id, failing_since, disabled_sent_at) VALUES (?, ?, ?)"
                                + " ON CONFLICT (endpoint_id) DO UPDATE SET disabled_sent_at = excluded.disabled_sent_at,"
                                + " failing_sent_at = CASE WHEN endpoint_notices.failing_since = excluded.failing_since"
                                + "   THEN endpoint_notices.failing_sent_at ELSE NULL END,"
                                + " failing_since = excluded.failing_since"
                                + " WHERE endpoint_notices.failing_since <> excluded.failing_since"
                                + " OR endpoint_notices.disabled_sent_at IS NULL")
                        .params(endpointId, failingSince, now)
                        .update()
                == 1;
    }

    /**
     * Ends the runs of these endpoints, which just succeeded.
     *
     * @return the endpoints of which a notice had been sent, each with when its run began: these
     *     recovered, in the sense that someone was told they were not well
     */
    Map<String, Long> recovered(Collection<String> endpointIds) {
        if (endpointIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> noticed = jdbc
                .sql("SELECT endpoint_id, failing_since FROM endpoint_notices WHERE endpoint_id IN (:ids)")
                .param("ids", List.copyOf(endpointIds))
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (!noticed.isEmpty()) {
            jdbc.sql("DELETE FROM endpoint_notices WHERE endpoint_id IN (:ids)")
                    .param("ids", List.copyOf(noticed.keySet()))
                    .update();
        }
        return noticed;
    }

    /** The endpoint's account and URL, for the notice; empty if it is gone, or a test-mode endpoint. */
    Optional<Owner> liveOwner(String endpointId) {
        return jdbc.sql("SELECT account_id, url FROM endpoints WHERE id = ? AND mode = 'live'")
                .param(endpointId)
                .query((rs, n) -> new Owner(rs.getString(1), rs.getString(2)))
                .optional();
    }

    record Owner(String accountId, String url) {}
}

package app.smartcomply.webhooks.check;

import app.smartcomply.webhooks.account.ApiKeyMode;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code endpoint_checks} table. Reads are always scoped by account and mode, like every
 * customer read; the cases are a JSON array in one column, rewritten as each case is graded.
 */
final class CheckStore {

    private static final String COLUMNS = "id, account_id, mode, endpoint_id, status, started_at, completed_at, cases";
    private static final TypeReference<List<CaseResult>> CASES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CheckStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores a new running check.
     *
     * @throws org.springframework.dao.DataAccessException if the endpoint has a running check (the
     *     unique index on running rows)
     */
    void insertRunning(EndpointCheck check) {
        jdbc.sql("INSERT INTO endpoint_checks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, NULL, ?)")
                .params(
                        check.id(),
                        check.accountId(),
                        check.mode().wire(),
                        check.endpointId(),
                        EndpointCheck.RUNNING,
                        check.startedAt(),
                        json.writeValueAsString(check.cases()))
                .update();
    }

    /** Marks checks of the endpoint still running since before {@code startedBefore} as completed. */
    void closeAbandoned(String endpointId, long startedBefore, long now) {
        jdbc.sql("UPDATE endpoint_checks SET status = 'completed', completed_at = ? WHERE endpoint_id = ?"
                        + " AND status = 'running' AND started_at < ?")
                .params(now, endpointId, startedBefore)
                .update();
    }

    /** Keeps the newest {@code keep} checks of the endpoint started at or after {@code horizon}. */
    void prune(String endpointId, int keep, long horizon) {
        jdbc.sql(
                        "DELETE FROM endpoint_checks WHERE endpoint_id = ? AND status <> 'running' AND (started_at < ? OR id NOT IN"
                                + " (SELECT id FROM endpoint_checks WHERE endpoint_id = ? ORDER BY id DESC LIMIT ?))")
                .params(endpointId, horizon, endpointId, keep)
                .update();
    }

    /** Whether the endpoint has a check running that started after {@code startedAfter}. */
    boolean hasRunning(String endpointId, long startedAfter) {
        return jdbc.sql("SELECT COUNT(*) FROM endpoint_checks WHERE endpoint_id = ? AND status = 'running'"
                                + " AND started_at > ?")
                        .params(endpointId, startedAfter)
                        .query(Long.class)
                        .single()
                > 0;
    }

    void saveCases(String checkId, List<CaseResult> cases) {
        jdbc.sql("UPDATE endpoint_checks SET cases = ? WHERE id = ? AND status = 'running'")
                .params(json.writeValueAsString(cases), checkId)
                .update();
    }

    void complete(String checkId, List<CaseResult> cases, long at) {
        jdbc.sql("UPDATE endpoint_checks SET cases = ?, status = 'completed', completed_at = ? WHERE id = ?"
                        + " AND status = 'running'")
                .params(json.writeValueAsString(cases), at, checkId)
                .update();
    }

    int deleteOfEndpoint(String endpointId) {
        return jdbc.sql("DELETE FROM endpoint_checks WHERE endpoint_id = ?")
                .param(endpointId)
                .update();
    }

    Optional<EndpointCheck> find(String accountId, ApiKeyMode mode, String endpointId, String checkId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM endpoint_checks WHERE id = ? AND account_id = ? AND mode = ?"
                        + " AND endpoint_id = ?")
                .params(checkId, accountId, mode.wire(), endpointId)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** The endpoint's checks, newest first (all that are kept: at most {@code keep-per-endpoint}). */
    List<EndpointCheck> list(String accountId, ApiKeyMode mode, String endpointId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM endpoint_checks WHERE account_id = ? AND mode = ? AND endpoint_id = ?"
                        + " ORDER BY id DESC LIMIT ?")
                .params(accountId, mode.wire(), endpointId, limit)
                .query((rs, n) -> row(rs))
                .list();
    }

    /** The account and mode of an endpoint that is not deleted, whoever owns it (for the admin key). */
    Optional<EndpointOwner> ownerOf(String endpointId) {
        return jdbc.sql("SELECT account_id, mode FROM endpoints WHERE id = ? AND deleted_at IS NULL")
                .param(endpointId)
                .query((rs, n) -> new EndpointOwner(rs.getString(1), ApiKeyMode.fromStored(rs.getString(2))))
                .optional();
    }

    private EndpointCheck row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long completed = rs.getLong(7);
        Long completedAt = rs.wasNull() ? null : completed;
        return new EndpointCheck(
                rs.getString(1),
                rs.getString(2),
                ApiKeyMode.fromStored(rs.getString(3)),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                completedAt,
                json.readValue(rs.getString(8), CASES));
    }
}

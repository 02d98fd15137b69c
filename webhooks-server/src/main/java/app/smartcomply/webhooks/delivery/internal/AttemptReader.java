package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.delivery.Attempt;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads the attempts of a delivery back, oldest first. */
@Component
public final class AttemptReader {

    private final JdbcClient jdbc;
    private final HeaderCodec headers;

    AttemptReader(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.headers = new HeaderCodec(json);
    }

    /**
     * The attempts of a delivery, oldest first, read in the same statement as {@code
     * deliverySnapshot}'s columns: one statement is one consistent snapshot on both engines, so the
     * delivery's state and its attempts never disagree (an attempt and the state it caused commit
     * together).
     *
     * @param deliveryColumns columns of {@code deliveries} (aliased {@code d}) to read alongside
     * @param deliveryMapper maps those columns from the first row
     * @return the mapped delivery and its attempts, or empty if there is no such delivery
     */
    public <D> java.util.Optional<WithAttempts<D>> read(
            String deliveryColumns,
            String whereClause,
            List<Object> params,
            org.springframework.jdbc.core.RowMapper<D> deliveryMapper) {
        var rows = jdbc.sql(
                        "SELECT " + deliveryColumns + ", a.id AS a_id, a.attempt_number, a.started_at, a.duration_ms,"
                                + " a.request_url, a.request_headers, a.response_status, a.response_headers, a.response_body,"
                                + " a.response_body_truncated, a.error"
                                + " FROM deliveries d LEFT JOIN attempts a ON a.delivery_id = d.id WHERE " + whereClause
                                + " ORDER BY a.id")
                .params(params)
                .query((rs, n) -> new Row<>(n == 0 ? deliveryMapper.mapRow(rs, n) : null, attempt(rs)))
                .list();
        if (rows.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<Attempt> attempts = rows.stream()
                .map(Row::attempt)
                .filter(java.util.Objects::nonNull)
                .toList();
        return java.util.Optional.of(new WithAttempts<>(rows.getFirst().delivery(), attempts));
    }

    /** A delivery and its attempts from one snapshot. */
    public record WithAttempts<D>(D delivery, List<Attempt> attempts) {}

    private record Row<D>(D delivery, Attempt attempt) {}

    private Attempt attempt(java.sql.ResultSet rs) throws java.sql.SQLException {
        String id = rs.getString("a_id");
        if (id == null) {
            return null;
        }
        int status = rs.getInt("response_status");
        Integer responseStatus = rs.wasNull() ? null : status;
        byte[] body = rs.getBytes("response_body");
        return new Attempt(
                id,
                rs.getString("id"),
                rs.getInt("attempt_number"),
                rs.getLong("started_at"),
                rs.getLong("duration_ms"),
                rs.getString("request_url"),
                headers.decode(rs.getString("request_headers")),
                responseStatus,
                headers.decode(rs.getString("response_headers")),
                body == null ? null : new String(body, StandardCharsets.UTF_8),
                rs.getInt("response_body_truncated") != 0,
                rs.getString("error"));
    }
}

package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.endpoint.internal.SecretCipher;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.store.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reading half of {@link EndpointService}: an account's endpoints of one mode, and one of them
 * by id.
 *
 * <p>Every query names the account and the mode: an endpoint of another account or of the other
 * mode is never found, exactly like a missing one.
 */
final class EndpointQueries {

    /** The current v1a key (the newest without an expiry): its public key and key set, as one text. */
    private static final String CURRENT_SIGNING_KEY =
            " (SELECT k.public_key || ' ' || k.jwks_id FROM endpoint_signing_keys k WHERE k.endpoint_id = e.id"
                    + "   AND k.expires_at IS NULL ORDER BY k.created_at DESC, k.id DESC LIMIT 1)";

    private static final String COLUMNS =
            "e.id, e.account_id, e.url, e.description, e.event_types, e.status, e.disabled_reason,"
                    + " e.created_at, e.updated_at, e.failing_since, e.last_success_at, e.mode, e.kind,"
                    + " e.custom_header_names,"
                    + " (SELECT s.secret FROM endpoint_secrets s WHERE s.endpoint_id = e.id"
                    + "   ORDER BY s.created_at DESC, s.id DESC LIMIT 1) AS newest_secret,"
                    + CURRENT_SIGNING_KEY
                    + " AS signing_key, e.filter, e.ordering, e.ordering_key, e.rate_limit_per_second";

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final EndpointMetadata metadata;

    EndpointQueries(JdbcClient jdbc, SecretCipher cipher, EndpointMetadata metadata) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.metadata = metadata;
    }

    /**
     * The account's endpoints of this mode, newest first; with {@code metadata} filters, only those
     * that have every one of those key=value pairs.
     */
    Page<Endpoint> list(
            String accountId, ApiKeyMode mode, int limit, String startingAfter, Map<String, String> metadata) {
        String sql =
                "SELECT " + COLUMNS + " FROM endpoints e WHERE e.account_id = ? AND e.mode = ? AND e.deleted_at IS NULL"
                        + (startingAfter == null ? "" : " AND e.id < ?")
                        + (" AND EXISTS (SELECT 1 FROM endpoint_metadata m WHERE m.endpoint_id = e.id AND m.meta_key = ?"
                                        + " AND m.meta_value = ?)")
                                .repeat(metadata.size())
                        + " ORDER BY e.id DESC LIMIT ?";
        var statement = jdbc.sql(sql).param(accountId).param(mode.wire());
        if (startingAfter != null) {
            statement = statement.param(startingAfter);
        }
        for (Map.Entry<String, String> pair : metadata.entrySet()) {
            statement = statement.param(pair.getKey()).param(pair.getValue());
        }
        return Page.fromOverfetch(
                withMetadata(statement.param(limit + 1).query(this::map).list()), limit);
    }

    Optional<Endpoint> find(String accountId, ApiKeyMode mode, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM endpoints e WHERE e.id = ? AND e.account_id = ? AND e.mode = ?"
                        + " AND e.deleted_at IS NULL")
                .params(id, accountId, mode.wire())
                .query(this::map)
                .optional()
                .map(endpoint -> withMetadata(List.of(endpoint)).getFirst());
    }

    /** The endpoints with their metadata, read in one query. */
    private List<Endpoint> withMetadata(List<Endpoint> endpoints) {
        Map<String, Map<String, String>> metadata =
                this.metadata.of(endpoints.stream().map(Endpoint::id).toList());
        return endpoints.stream()
                .map(e -> e.withMetadata(metadata.getOrDefault(e.id(), Map.of())))
                .toList();
    }

    private Endpoint map(ResultSet rs, int row) throws SQLException {
        String id = rs.getString("id");
        String newestSecret = rs.getString("newest_secret");
        return new Endpoint(
                id,
                rs.getString("account_id"),
                rs.getString("url"),
                rs.getString("description"),
                List.copyOf(Arrays.asList(rs.getString("event_types").split(","))),
                EndpointStatus.fromWireName(rs.getString("status")),
                rs.getString("disabled_reason"),
                rs.getLong("created_at"),
                rs.getLong("updated_at"),
                nullableLong(rs, "failing_since"),
                nullableLong(rs, "last_success_at"),
                newestSecret == null
                        ? null
                        : SigningSecret.parse(cipher.decrypt(id, newestSecret)).masked(),
                ApiKeyMode.fromStored(rs.getString("mode")),
                signingKey(rs.getString("signing_key")),
                rs.getString("filter"),
                EndpointKind.fromStored(rs.getString("kind")),
                StoredHeaders.names(rs.getString("custom_header_names")),
                Map.of(),
                DeliveryOrdering.stored(rs.getString("ordering"), rs.getString("ordering_key")),
                nullableInt(rs, "rate_limit_per_second"));
    }

    private static PublicSigningKey signingKey(String publicKeyAndSet) {
        if (publicKeyAndSet == null) {
            return null;
        }
        int space = publicKeyAndSet.indexOf(' ');
        return new PublicSigningKey(publicKeyAndSet.substring(0, space), publicKeyAndSet.substring(space + 1));
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}

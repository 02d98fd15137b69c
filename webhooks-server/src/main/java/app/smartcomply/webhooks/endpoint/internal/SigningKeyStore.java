package app.smartcomply.webhooks.endpoint.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows of {@code endpoint_signing_keys}: endpoints' Ed25519 keys for {@code v1a} signatures.
 *
 * <p>Stores what it is given: the private key arrives encrypted ({@link SecretCipher}) and leaves
 * encrypted. A key is live while its {@code expires_at} is null or later than the time asked
 * about. Joins the caller's transaction.
 */
public final class SigningKeyStore {

    /** One key row; {@code privateKey} is the stored (encrypted) form. */
    public record Row(
            String id,
            String endpointId,
            String jwksId,
            String privateKey,
            String publicKey,
            long createdAt,
            Long expiresAt) {}

    private static final String COLUMNS = "id, endpoint_id, jwks_id, private_key, public_key, created_at, expires_at";

    private final JdbcClient jdbc;

    public SigningKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Row row) {
        jdbc.sql("INSERT INTO endpoint_signing_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        row.id(),
                        row.endpointId(),
                        row.jwksId(),
                        row.privateKey(),
                        row.publicKey(),
                        row.createdAt(),
                        row.expiresAt())
                .update();
    }

    /**
     * Gives every key of the endpoint still live at {@code expiresAt} that expiry (keys that expire
     * sooner keep theirs). @return how many keys it shortened
     */
    public int expireLive(String endpointId, long expiresAt) {
        return jdbc.sql("UPDATE endpoint_signing_keys SET expires_at = ? WHERE endpoint_id = ?"
                        + " AND (expires_at IS NULL OR expires_at > ?)")
                .params(expiresAt, endpointId, expiresAt)
                .update();
    }

    /** The endpoint's key set name, if it ever had a key: kept across rotations and re-enabling. */
    public Optional<String> jwksIdOf(String endpointId) {
        return jdbc.sql("SELECT jwks_id FROM endpoint_signing_keys WHERE endpoint_id = ? ORDER BY created_at LIMIT 1")
                .param(endpointId)
                .query(String.class)
                .optional();
    }

    /** The endpoints' keys live at {@code now}, each endpoint's oldest first. */
    public List<Row> live(Collection<String> endpointIds, long now) {
        if (endpointIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM endpoint_signing_keys WHERE endpoint_id IN (:ids)"
                        + " AND (expires_at IS NULL OR expires_at > :now) ORDER BY endpoint_id, created_at, id")
                .param("ids", List.copyOf(endpointIds))
                .param("now", now)
                .query(SigningKeyStore::map)
                .list();
    }

    /** The keys live at {@code now} of the set named {@code jwksId}, if its endpoint is not deleted. */
    public List<Row> liveInSet(String jwksId, long now) {
        return jdbc.sql("SELECT k.id, k.endpoint_id, k.jwks_id, k.private_key, k.public_key, k.created_at, k.expires_at"
                        + " FROM endpoint_signing_keys k JOIN endpoints e ON e.id = k.endpoint_id"
                        + " WHERE k.jwks_id = ? AND e.deleted_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ?)"
                        + " ORDER BY k.created_at, k.id")
                .params(jwksId, now)
                .query(SigningKeyStore::map)
                .list();
    }

    private static Row map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        long expires = rs.getLong(7);
        Long expiresAt = rs.wasNull() ? null : expires; // read now: wasNull() speaks of the last column read
        return new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                expiresAt);
    }
}

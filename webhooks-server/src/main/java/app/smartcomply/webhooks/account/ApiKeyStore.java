package app.smartcomply.webhooks.account;

import app.smartcomply.webhooks.store.PrefixedIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code api_keys} table: every statement about account keys, and nothing else. */
@Component
class ApiKeyStore {

    private static final String COLUMNS =
            "id, account_id, name, key_prefix, key_hint, scope, mode, created_at, last_used_at, revoked_at, expires_at";
    /** How many characters after the mode's prefix are kept to show which key is which. */
    private static final int SHOWN_CHARACTERS = 4;

    private final JdbcClient jdbc;
    private final PrefixedIds ids;

    ApiKeyStore(JdbcClient jdbc, PrefixedIds ids) {
        this.jdbc = jdbc;
        this.ids = ids;
    }

    /** Stores a new key (as its hash) and returns the only copy of it. */
    IssuedKey insert(String accountId, String name, ApiKeyScope scope, ApiKeyMode mode, long now) {
        String plaintext = ApiKeyHasher.newKey(mode.keyPrefix());
        String prefix = plaintext.substring(0, mode.keyPrefix().length() + SHOWN_CHARACTERS);
        String lastFour = plaintext.substring(plaintext.length() - 4);
        ApiKey key =
                new ApiKey(ids.next("key_"), accountId, name, prefix, lastFour, scope, mode, now, null, null, null);
        jdbc.sql("INSERT INTO api_keys (id, account_id, key_hash, key_hint, name, key_prefix, scope, mode, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        key.id(),
                        accountId,
                        ApiKeyHasher.hash(plaintext),
                        lastFour,
                        name,
                        prefix,
                        scope.wire(),
                        mode.wire(),
                        now)
                .update();
        return new IssuedKey(key, plaintext);
    }

    Optional<ApiKey> find(String accountId, String keyId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE id = ? AND account_id = ?")
                .params(keyId, accountId)
                .query(ApiKeyStore::read)
                .optional();
    }

    /** The key a token hashes to, whatever its state; the caller decides what revoked or expired means. */
    Optional<ApiKey> byHash(String keyHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE key_hash = ?")
                .param(keyHash)
                .query(ApiKeyStore::read)
                .optional();
    }

    /** The account's keys, newest first, at most {@code limit}. */
    List<ApiKey> list(String accountId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE account_id = ?"
                        + " ORDER BY created_at DESC, id DESC LIMIT ?")
                .params(accountId, limit)
                .query(ApiKeyStore::read)
                .list();
    }

    /** Revokes the key unless it already was, and ends the dashboard sessions it opened. */
    void revoke(String keyId, long now) {
        jdbc.sql("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(now, keyId)
                .update();
        jdbc.sql("DELETE FROM dashboard_sessions WHERE api_key_id = ?")
                .param(keyId)
                .update();
    }

    /** Makes the key stop working at {@code at}, unless it was already going to stop sooner. */
    void expire(String keyId, long at) {
        jdbc.sql("UPDATE api_keys SET expires_at = ? WHERE id = ? AND (expires_at IS NULL OR expires_at > ?)")
                .params(at, keyId, at)
                .update();
    }

    /**
     * Records use at {@code minute} (a whole minute), unless a use in that minute is already
     * recorded — the guard makes concurrent nodes write it once.
     */
    void recordUse(String keyId, long minute) {
        jdbc.sql("UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
                .params(minute, keyId, minute)
                .update();
    }

    private static ApiKey read(ResultSet rs, int row) throws SQLException {
        ApiKeyMode mode = ApiKeyMode.fromStored(rs.getString("mode"));
        String prefix = rs.getString("key_prefix");
        return new ApiKey(
                rs.getString("id"),
                rs.getString("account_id"),
                rs.getString("name"),
                // Keys made before prefixes were kept show only their mode's prefix.
                prefix != null ? prefix : mode.keyPrefix(),
                rs.getString("key_hint"),
                ApiKeyScope.fromStored(rs.getString("scope")),
                mode,
                rs.getLong("created_at"),
                nullableLong(rs, "last_used_at"),
                nullableLong(rs, "revoked_at"),
                nullableLong(rs, "expires_at"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}

package app.smartcomply.webhooks.account;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where a generated admin key lives: its hash in the {@code settings} row {@code admin_key_hash}.
 * Usable without the rest of the service — a command-line tool that resets the key offline builds
 * a {@link JdbcClient} on the store's data source (after the migrations ran) and calls {@link
 * #replace()}; running nodes pick the new key up within a second ({@link AdminKey}).
 */
public final class AdminKeyStore {

    static final String SETTING = "admin_key_hash";

    private final JdbcClient jdbc;

    public AdminKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored hash, or empty if no key was generated yet. */
    public Optional<String> storedHash() {
        return jdbc.sql("SELECT value FROM settings WHERE name = ?")
                .param(SETTING)
                .query(String.class)
                .optional();
    }

    /**
     * Generates and stores a key unless one is stored already.
     *
     * @return the new key, or empty if another node (or an earlier start) stored one first
     */
    public Optional<String> generateIfAbsent() {
        String key = ApiKeyHasher.newKey(ApiKeyHasher.ADMIN_PREFIX);
        int inserted = jdbc.sql("INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")
                .params(SETTING, ApiKeyHasher.hash(key))
                .update();
        return inserted == 1 ? Optional.of(key) : Optional.empty();
    }

    /**
     * Replaces the stored key with a new one, whatever was there: the old key stops working.
     *
     * @return the new key — the only copy; show it once and keep nothing
     */
    public String replace() {
        String key = ApiKeyHasher.newKey(ApiKeyHasher.ADMIN_PREFIX);
        jdbc.sql(
                        "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value")
                .params(SETTING, ApiKeyHasher.hash(key))
                .update();
        return key;
    }
}

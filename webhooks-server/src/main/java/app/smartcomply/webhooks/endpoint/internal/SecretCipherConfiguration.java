package app.smartcomply.webhooks.endpoint.internal;

import app.smartcomply.webhooks.store.OwnerOnlyFiles;
import app.smartcomply.webhooks.store.ServiceKeys;
import app.smartcomply.webhooks.store.StoreProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the key that encrypts signing secrets comes from, in order of preference — and, on every
 * start, a log line saying which one is in use:
 *
 * <ol>
 *   <li>{@code WEBHOOKS_ENCRYPTION_KEY} — base64 of 32 bytes. Set it in production, and give every
 *       node the same one.
 *   <li>{@code WEBHOOKS_ENCRYPTION_KEY_FILE} — the path of a file holding that base64 text (a
 *       mounted secret). Setting both is a configuration error.
 *   <li>SQLite: a key file generated beside the database ({@code <data dir>/encryption.key}, mode
 *       0600) — logged with a warning: a copy of the data directory (a backup) holds the secrets
 *       and their key together.
 *   <li>PostgreSQL without a key: one generated into the {@code settings} table, with the same
 *       warning — the nodes agree, but the key sits beside what it protects.
 * </ol>
 *
 * The key itself is never logged.
 */
@Configuration(proxyBeanMethods = false)
class SecretCipherConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecretCipherConfiguration.class);

    static final String KEY_FILE_NAME = "encryption.key";

    /** The key itself, as a bean of a type no other package can name: only the two below use it. */
    record EncryptionKey(byte[] bytes) {
        @Override
        public String toString() {
            return "EncryptionKey[…]";
        }
    }

    @Bean
    SecretCipher secretCipher(EncryptionKey key) {
        return new SecretCipher(key.bytes());
    }

    /** Purpose keys for other features (dashboard sessions), derived from the same key. */
    @Bean
    ServiceKeys serviceKeys(EncryptionKey key) {
        return new ServiceKeys(key.bytes());
    }

    @Bean
    EncryptionKey encryptionKey(
            @Value("${webhooks.encryption-key:}") String configured,
            @Value("${webhooks.encryption-key-file:}") String configuredFile,
            StoreProperties store,
            JdbcClient jdbc) {
        return new EncryptionKey(load(configured, configuredFile, store, jdbc));
    }

    private static byte[] load(String configured, String configuredFile, StoreProperties store, JdbcClient jdbc) {
        if (!configured.isBlank() && !configuredFile.isBlank()) {
            throw new IllegalStateException("Both WEBHOOKS_ENCRYPTION_KEY and WEBHOOKS_ENCRYPTION_KEY_FILE are set:"
                    + " set only one, so that which key encrypts the signing secrets is never in doubt.");
        }
        if (!configured.isBlank()) {
            log.info("Signing secrets are encrypted with the key from WEBHOOKS_ENCRYPTION_KEY.");
            return decode(configured, "WEBHOOKS_ENCRYPTION_KEY");
        }
        if (!configuredFile.isBlank()) {
            return configuredKeyFile(Path.of(configuredFile).toAbsolutePath(), store);
        }
        if (!store.usesPostgres()) {
            Path file = store.dataDir().resolve(KEY_FILE_NAME).toAbsolutePath();
            byte[] key = keyFileBesideDatabase(file);
            log.warn(
                    "Signing secrets are encrypted with the key file {}, generated beside the database: anyone with"
                            + " a copy of the data directory (a backup, a disk image) can decrypt them. Set WEBHOOKS_ENCRYPTION_KEY,"
                            + " or WEBHOOKS_ENCRYPTION_KEY_FILE to a file kept outside {} (move this one there to keep the"
                            + " existing secrets readable).",
                    file,
                    file.getParent());
            return key;
        }
        log.warn("Signing secrets are encrypted with a key kept in the database's settings table, beside the"
                + " secrets it protects: a copy of the database can decrypt them. Set WEBHOOKS_ENCRYPTION_KEY (base64 of"
                + " 32 random bytes, the same on every node) or WEBHOOKS_ENCRYPTION_KEY_FILE.");
        String fresh = Base64.getEncoder().encodeToString(randomKey());
        jdbc.sql("INSERT INTO settings (name, value) VALUES ('encryption_key', ?) ON CONFLICT (name) DO NOTHING")
                .param(fresh)
                .update();
        String stored = jdbc.sql("SELECT value FROM settings WHERE name = 'encryption_key'")
                .query(String.class)
                .single();
        return decode(stored, "The encryption_key row of the settings table");
    }

    /** The operator's own key file: read as it is, never created or changed. */
    private static byte[] configuredKeyFile(Path file, StoreProperties store) {
        String source = "WEBHOOKS_ENCRYPTION_KEY_FILE (" + file + ")";
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalStateException(source + " is not a readable file.");
        }
        byte[] key = decode(read(file), source);
        log.info(
                "Signing secrets are encrypted with the key from the key file {} (WEBHOOKS_ENCRYPTION_KEY_FILE).",
                file);
        if (!store.usesPostgres()
                && file.startsWith(store.dataDir().toAbsolutePath().normalize())) {
            log.warn(
                    "The key file {} is inside the data directory: a copy of it (a backup) holds the signing secrets"
                            + " and their key together. Keep the key file elsewhere.",
                    file);
        }
        if (OwnerOnlyFiles.othersHaveAccess(file)) {
            log.warn(
                    "The key file {} can be read by other users on this machine: make it readable by the service's"
                            + " user only (mode 0400 or 0600).",
                    file);
        }
        return key;
    }

    /** Reads the generated key file, creating it (mode 0600, written whole or not at all) on first start. */
    private static byte[] keyFileBesideDatabase(Path file) {
        OwnerOnlyFiles.directory(file.getParent());
        if (Files.exists(file)) {
            // It may come from an older version that left it readable by others.
            OwnerOnlyFiles.file(file);
            return decode(read(file), file.toString());
        }
        try {
            Path temp = Files.createTempFile(file.getParent(), "encryption", ".key");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the directory's ACLs are what protect it.
            }
            Files.writeString(temp, Base64.getEncoder().encodeToString(randomKey()));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            log.info("Generated the secret encryption key at {}", file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
        return decode(read(file), file.toString());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** @param source where the text came from, for the error (which never quotes the text) */
    private static byte[] decode(String base64, String source) {
        try {
            byte[] key = Base64.getDecoder().decode(base64);
            if (key.length != 32) {
                throw new IllegalArgumentException("wrong length");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " must hold base64 of exactly 32 bytes (openssl rand -base64 32)");
        }
    }
}

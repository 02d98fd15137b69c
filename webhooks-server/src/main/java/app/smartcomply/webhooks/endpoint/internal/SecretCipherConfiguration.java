package app.smartcomply.webhooks.endpoint.internal;

import app.smartcomply.webhooks.store.ServiceKeys;
import app.smartcomply.webhooks.store.StoreProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Where the key that encrypts signing secrets comes from, in order of preference:
 *
 * <ol>
 *   <li>{@code WEBHOOKS_ENCRYPTION_KEY} — base64 of 32 bytes. Set it in production, and give every
 *       node the same one.
 *   <li>SQLite: a key file generated beside the database ({@code <data dir>/encryption.key},
 *       mode 600) — good enough for one machine.
 *   <li>PostgreSQL without a key: one generated into the {@code settings} table with a warning —
 *       the nodes agree, but the key sits beside what it protects.
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
class SecretCipherConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecretCipherConfiguration.class);

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
      @Value("${webhooks.encryption-key:}") String configured, StoreProperties store, JdbcClient jdbc) {
    return new EncryptionKey(load(configured, store, jdbc));
  }

  private static byte[] load(String configured, StoreProperties store, JdbcClient jdbc) {
    if (!configured.isBlank()) {
      return decode(configured);
    }
    if (!store.usesPostgres()) {
      return keyFile(store.dataDir().resolve("encryption.key"));
    }
    log.warn(
        "WEBHOOKS_ENCRYPTION_KEY is not set: signing secrets are encrypted with a key kept in the"
            + " same database. Set it (base64 of 32 random bytes, the same on every node).");
    String fresh = Base64.getEncoder().encodeToString(randomKey());
    jdbc.sql("INSERT INTO settings (name, value) VALUES ('encryption_key', ?) ON CONFLICT (name) DO NOTHING")
        .param(fresh)
        .update();
    String stored =
        jdbc.sql("SELECT value FROM settings WHERE name = 'encryption_key'").query(String.class).single();
    return decode(stored);
  }

  private static byte[] keyFile(Path file) {
    try {
      if (Files.exists(file)) {
        return decode(Files.readString(file).trim());
      }
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "encryption", ".key");
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's ACLs are what protect it.
      }
      Files.writeString(temp, Base64.getEncoder().encodeToString(randomKey()));
      Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      log.info("Generated the secret encryption key at {}", file);
      return decode(Files.readString(file).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create " + file, e);
    }
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private static byte[] decode(String base64) {
    try {
      byte[] key = Base64.getDecoder().decode(base64);
      if (key.length != 32) {
        throw new IllegalArgumentException("wrong length");
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "WEBHOOKS_ENCRYPTION_KEY must be base64 of exactly 32 bytes (openssl rand -base64 32)");
    }
  }
}

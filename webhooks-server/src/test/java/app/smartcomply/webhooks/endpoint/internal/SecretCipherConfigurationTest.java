package app.smartcomply.webhooks.endpoint.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.smartcomply.webhooks.store.StoreProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Which key encrypts the signing secrets is chosen once at start and always said in the log —
 * never the key itself — and a key file kept beside the database is owner-only and comes with a
 * warning. On a real temporary directory.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretCipherConfigurationTest {

    @TempDir
    Path temp;

    private SecretCipher start(String key, String keyFile, Path dataDir) {
        // SQLite mode: the JDBC client is only used for PostgreSQL's settings row.
        SecretCipherConfiguration configuration = new SecretCipherConfiguration();
        return configuration.secretCipher(
                configuration.encryptionKey(key, keyFile, new StoreProperties(dataDir, null, null, null), null));
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void theKeyFileBesideTheDatabaseIsOwnerOnlyAndWarnedAboutOnEveryStart(CapturedOutput output) throws Exception {
        Path dataDir = temp.resolve("data");
        SecretCipher first = start("", "", dataDir);
        String sealed = first.encrypt("whe_1", "whsec_abc");
        Path keyFile = dataDir.resolve("encryption.key");
        String key = Files.readString(keyFile).trim();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                .isEqualTo("rwx------");

        int before = output.getOut().length();
        SecretCipher second = start("", "", dataDir);

        assertThat(second.decrypt("whe_1", sealed)).isEqualTo("whsec_abc");
        String secondStart = output.getOut().substring(before);
        assertThat(secondStart)
                .contains("WARN")
                .contains("key file " + keyFile.toAbsolutePath())
                .contains("WEBHOOKS_ENCRYPTION_KEY")
                .contains("WEBHOOKS_ENCRYPTION_KEY_FILE");
        assertThat(output.getAll()).doesNotContain(key);
    }

    @Test
    void aKeyFileAnOlderVersionLeftReadableIsTightened() throws Exception {
        Path dataDir = Files.createDirectories(temp.resolve("data"));
        Path keyFile = dataDir.resolve("encryption.key");
        Files.writeString(keyFile, newKey() + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        start("", "", dataDir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
    }

    @Test
    void aKeyFileElsewhereIsReadAsItIsAndNamedInTheLog(CapturedOutput output) throws Exception {
        String key = newKey();
        Path keyFile = Files.createDirectories(temp.resolve("secrets")).resolve("webhooks.key");
        Files.writeString(keyFile, key + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("r--------"));

        SecretCipher fromFile = start("", keyFile.toString(), temp.resolve("data"));

        // The same key as the environment variable would give.
        assertThat(start(key, "", temp.resolve("data")).decrypt("whe_1", fromFile.encrypt("whe_1", "whsec_abc")))
                .isEqualTo("whsec_abc");
        assertThat(output.getOut())
                .contains("key file " + keyFile.toAbsolutePath() + " (WEBHOOKS_ENCRYPTION_KEY_FILE)")
                .contains("key from WEBHOOKS_ENCRYPTION_KEY.");
        assertThat(Files.exists(temp.resolve("data").resolve("encryption.key"))).isFalse();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("r--------");
        assertThat(output.getAll()).doesNotContain(key);
    }

    @Test
    void aReadableByOthersKeyFileIsWarnedAbout(CapturedOutput output) throws Exception {
        Path keyFile = temp.resolve("webhooks.key");
        Files.writeString(keyFile, newKey());
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        start("", keyFile.toString(), temp.resolve("data"));

        assertThat(output.getOut()).contains("WARN").contains("can be read by other users");
    }

    @Test
    void badOrAmbiguousKeyConfigurationRefusesToStartWithoutQuotingTheKey() throws Exception {
        String key = newKey();
        Path keyFile = temp.resolve("webhooks.key");
        Files.writeString(keyFile, "not-base64-" + key);

        assertThatThrownBy(() -> start(key, keyFile.toString(), temp.resolve("data")))
                .hasMessageContaining("WEBHOOKS_ENCRYPTION_KEY_FILE")
                .hasMessageContaining("only one");
        assertThatThrownBy(() -> start("", temp.resolve("missing.key").toString(), temp.resolve("data")))
                .hasMessageContaining("missing.key")
                .hasMessageContaining("not a readable file");
        assertThatThrownBy(() -> start("", keyFile.toString(), temp.resolve("data")))
                .hasMessageContaining(keyFile.toString())
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining(key);
    }
}

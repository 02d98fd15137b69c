package app.smartcomply.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.TestAccount;
import app.smartcomply.webhooks.testkit.WebhooksAppTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The running service's data directory, after real traffic: nothing in it is readable by others. */
class DataDirectoryModesTest extends WebhooksAppTest {

    @Autowired
    StoreProperties store;

    @Test
    void everyFileTheRunningServiceKeepsIsOwnerOnly() throws Exception {
        TestAccount account = TestAccount.create(api(), "Modes");
        api().createEndpoint(account.apiKey(), "https://example.com/hook", "*");

        Path dir = store.dataDir();
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                modes.put(
                        file.getFileName().toString(),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        }
        assertThat(modes).containsKeys("webhooks.db", "webhooks.db-wal", "webhooks.db-shm", "encryption.key");
        assertThat(modes).allSatisfy((name, mode) -> assertThat(mode).as(name).isEqualTo("rw-------"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
    }
}

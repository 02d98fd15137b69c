package app.smartcomply.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite store's files are the service account's alone — the directory 0700, every file in it
 * 0600 — including the {@code -wal} and {@code -shm} files SQLite creates itself after opening,
 * and files an older version left readable by everyone. Checked on a real directory with a real
 * database, with the process's usual umask (022) in force.
 */
class OwnerOnlyDataDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void aNewDataDirectoryAndEverySqliteFileInItAreOwnerOnly() throws Exception {
        Path dataDir = temp.resolve("var/webhooks");

        try (HikariDataSource dataSource = open(dataDir);
                Connection connection = dataSource.getConnection()) {
            write(connection);

            Map<String, String> modes = modes(dataDir);
            assertThat(modes).containsKeys("webhooks.db", "webhooks.db-wal", "webhooks.db-shm");
            assertThat(modes)
                    .allSatisfy((name, mode) -> assertThat(mode).as(name).isEqualTo("rw-------"));
            assertThat(mode(dataDir)).isEqualTo("rwx------");
        }
    }

    @Test
    void filesAnOlderVersionLeftOpenAreTightenedOnStart() throws Exception {
        Path dataDir = Files.createDirectories(temp.resolve("data"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String name : List.of("webhooks.db", "encryption.key")) {
            Files.createFile(dataDir.resolve(name));
            Files.setPosixFilePermissions(dataDir.resolve(name), PosixFilePermissions.fromString("rw-r--r--"));
        }

        try (HikariDataSource dataSource = open(dataDir);
                Connection connection = dataSource.getConnection()) {
            write(connection);

            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(modes(dataDir))
                    .containsKeys("webhooks.db", "webhooks.db-wal", "encryption.key")
                    .allSatisfy((name, mode) -> assertThat(mode).as(name).isEqualTo("rw-------"));
        }
    }

    private static HikariDataSource open(Path dataDir) {
        return new DatabaseConfiguration().dataSource(new StoreProperties(dataDir, null, 2, null));
    }

    private static void write(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (v TEXT)");
            statement.execute("INSERT INTO t VALUES ('x')");
        }
    }

    private static Map<String, String> modes(Path dir) throws Exception {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                modes.put(file.getFileName().toString(), mode(file));
            }
        }
        return modes;
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}

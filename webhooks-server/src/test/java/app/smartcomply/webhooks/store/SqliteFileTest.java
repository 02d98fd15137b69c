package app.smartcomply.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The store's SQLite file ends up in incremental auto-vacuum mode, new or made before. */
class SqliteFileTest {

    @Test
    void aNewFileStartsInIncrementalModeAndStaysInWal() throws Exception {
        Path file = Files.createTempDirectory("sqlite-file-").resolve("webhooks.db");
        SqliteFile.prepare(file);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
            assertThat(text(sql, "PRAGMA auto_vacuum")).isEqualTo("2");
            assertThat(text(sql, "PRAGMA journal_mode")).isEqualTo("wal");
        }
    }

    @Test
    void aFileMadeWithoutAutoVacuumIsConvertedOnceAndKeepsItsData() throws Exception {
        Path file = Files.createTempDirectory("sqlite-file-").resolve("webhooks.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = connection.createStatement()) {
            sql.execute("PRAGMA journal_mode = WAL");
            sql.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)");
            sql.execute(
                    "INSERT INTO t (body) SELECT zeroblob(10000) FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3)");
            assertThat(text(sql, "PRAGMA auto_vacuum")).isEqualTo("0");
        }

        SqliteFile.prepare(file);

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = connection.createStatement()) {
            assertThat(text(sql, "PRAGMA auto_vacuum")).isEqualTo("2");
            assertThat(text(sql, "SELECT COUNT(*) FROM t")).isEqualTo("3");
            assertThat(text(sql, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(text(sql, "PRAGMA integrity_check")).isEqualTo("ok");
            // Freed pages can now be cut off the file.
            sql.execute("DELETE FROM t");
            long free = Long.parseLong(text(sql, "PRAGMA freelist_count"));
            assertThat(free).isPositive();
            sql.executeUpdate("PRAGMA incremental_vacuum");
            assertThat(text(sql, "PRAGMA freelist_count")).isEqualTo("0");
        }
    }

    private static String text(Statement sql, String query) throws Exception {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }
}

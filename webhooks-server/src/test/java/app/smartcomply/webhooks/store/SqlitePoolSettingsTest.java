package app.smartcomply.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConnection;

/**
 * The settings every pooled SQLite connection carries, as the writer relies on them: a commit is
 * durable, and a group commit's savepoints and inserts cost no file and no extra statement.
 */
class SqlitePoolSettingsTest {

    @Test
    void pooledConnectionsAreDurableAndKeepTemporaryDataInMemory() throws Exception {
        try (HikariDataSource pool = open();
                Connection connection = pool.getConnection();
                Statement sql = connection.createStatement()) {
            assertThat(text(sql, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(text(sql, "PRAGMA synchronous")).isEqualTo("2"); // FULL
            assertThat(text(sql, "PRAGMA foreign_keys")).isEqualTo("1");
            assertThat(text(sql, "PRAGMA temp_store")).isEqualTo("2"); // MEMORY
        }
    }

    @Test
    void anInsertRunsNoQueryForGeneratedKeys() throws Exception {
        try (HikariDataSource pool = open();
                Connection connection = pool.getConnection()) {
            assertThat(connection
                            .unwrap(SQLiteConnection.class)
                            .getConnectionConfig()
                            .isGetGeneratedKeys())
                    .isFalse();
            try (Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE t (id TEXT PRIMARY KEY)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (id) VALUES (?)")) {
                insert.setString(1, "a");
                assertThat(insert.executeUpdate()).isEqualTo(1);
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    assertThat(keys.next()).isFalse();
                }
            }
        }
    }

    private static HikariDataSource open() throws Exception {
        Path dataDir = Files.createTempDirectory("sqlite-pool-");
        return StoreDataSource.open(new StoreProperties(dataDir, null, 1, null));
    }

    private static String text(Statement sql, String query) throws Exception {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }
}

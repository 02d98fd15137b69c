package app.smartcomply.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * SQLite V6 builds {@code dashboard_sessions} again (SQLite cannot drop a NOT NULL): the sessions
 * people have open when the service is upgraded must come through it as sessions of their key.
 */
class SqliteSessionMigrationTest {

    @Test
    void sessionsOpenBeforeTheUpgradeSurviveItAndPlatformSessionsNeedNoKey() throws Exception {
        Path file = Files.createTempDirectory("webhooks-migration-").resolve("webhooks.db");
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + file, true);
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/sqlite")
                    .target("3")
                    .load()
                    .migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("INSERT INTO dashboard_sessions (token_mac, account_id, api_key_id, created_at, expires_at)"
                            + " VALUES ('mac-1', 'acct_1', 'key_1', 10, 20)")
                    .update();

            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/sqlite")
                    .load()
                    .migrate();

            Map<String, Object> kept = jdbc.sql(
                            "SELECT account_id, api_key_id, via, scope, mode, return_url, created_at,"
                                    + " expires_at FROM dashboard_sessions WHERE token_mac = 'mac-1'")
                    .query()
                    .singleRow();
            assertThat(kept)
                    .containsEntry("account_id", "acct_1")
                    .containsEntry("api_key_id", "key_1")
                    .containsEntry("via", "api_key")
                    .containsEntry("scope", null)
                    .containsEntry("return_url", null);
            assertThat(((Number) kept.get("expires_at")).longValue()).isEqualTo(20);
            jdbc.sql("INSERT INTO dashboard_sessions (token_mac, account_id, via, scope, mode, created_at, expires_at)"
                            + " VALUES ('mac-2', 'acct_1', 'platform', 'full', 'live', 10, 20)")
                    .update();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM dashboard_sessions WHERE api_key_id IS NULL")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            assertThat(jdbc.sql(
                                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dashboard_sessions'"
                                            + " AND name IN ('dashboard_sessions_by_expiry', 'dashboard_sessions_by_key')")
                            .query(Long.class)
                            .single())
                    .isEqualTo(2);
        } finally {
            dataSource.destroy();
        }
    }
}

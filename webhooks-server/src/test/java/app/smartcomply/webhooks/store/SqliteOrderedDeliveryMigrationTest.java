package app.smartcomply.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Ordered delivery's migration on SQLite (V15) rebuilds deliveries for its new CHECKs. A migration
 * numbered before it may have added a column or an index to deliveries that V15 knows nothing
 * of: the rebuild keeps them, with every row's values and its attempts.
 */
class SqliteOrderedDeliveryMigrationTest {

    private SingleConnectionDataSource dataSource;

    @Test
    void theRebuildKeepsEveryRowAndTheColumnsAndIndexesOfEarlierMigrations() throws Exception {
        String file = Files.createTempDirectory("webhooks-migration-")
                .resolve("webhooks.db")
                .toString();
        dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + file + "?foreign_keys=true", true);
        // V14 adds deliveries.throttled_count; the index stands for any other an earlier migration adds.
        migrate("14");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("CREATE INDEX deliveries_throttled ON deliveries (throttled_count) WHERE throttled_count > 0")
                .update();
        jdbc.sql("INSERT INTO accounts (id, name, created_at) VALUES ('acct_1', 'Migration', 1)")
                .update();
        jdbc.sql("INSERT INTO endpoints (id, account_id, url, event_types, status, created_at, updated_at)"
                        + " VALUES ('ep_1', 'acct_1', 'https://example.com/hook', 'test.submitted', 'active', 1, 1)")
                .update();
        jdbc.sql("INSERT INTO events (id, account_id, type, payload, created_at) VALUES ('evt_1', 'acct_1',"
                        + " 'test.submitted', x'7b7d', 1)")
                .update();
        jdbc.sql("INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempt_count,"
                        + " next_attempt_at, lease_owner, lease_expires_at, created_at, updated_at, mode, state,"
                        + " throttled_count) VALUES ('whd_1', 'acct_1', 'evt_1', 'ep_1', 'test.submitted', 'pending', 2,"
                        + " 500, 'node-a', 500, 1, 2, 'test', 'leased', 3)")
                .update();
        jdbc.sql("INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_url,"
                        + " request_headers) VALUES ('wha_1', 'whd_1', 1, 10, 5, 'https://example.com/hook', '[]')")
                .update();

        migrate(null);

        Map<String, Object> row =
                jdbc.sql("SELECT * FROM deliveries WHERE id = 'whd_1'").query().singleRow();
        assertThat(row)
                .containsEntry("state", "leased")
                .containsEntry("lease_owner", "node-a")
                .containsEntry("mode", "test")
                .containsEntry("line", null)
                .containsEntry("line_seq", null);
        assertThat(((Number) row.get("attempt_count")).intValue()).isEqualTo(2);
        assertThat(((Number) row.get("throttled_count")).intValue()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deliveries'"
                                + " AND sql IS NOT NULL")
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder(
                        "deliveries_due",
                        "deliveries_by_endpoint",
                        "deliveries_by_event",
                        "deliveries_throttled",
                        "deliveries_in_line");
        assertThat(jdbc.sql("SELECT delivery_id FROM attempts WHERE id = 'wha_1'")
                        .query(String.class)
                        .single())
                .isEqualTo("whd_1");
        assertThat(jdbc.sql("SELECT ordering FROM endpoints WHERE id = 'ep_1'")
                        .query(String.class)
                        .single())
                .isEqualTo("none");
        // The added column keeps its default for new rows.
        jdbc.sql("INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempt_count,"
                        + " next_attempt_at, created_at, updated_at, state) VALUES ('whd_2', 'acct_1', 'evt_1', 'ep_1',"
                        + " 'test.submitted', 'pending', 0, 5, 1, 1, 'waiting')")
                .update();
        assertThat(jdbc.sql("SELECT throttled_count FROM deliveries WHERE id = 'whd_2'")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("PRAGMA foreign_keys").query(Integer.class).single())
                .as("foreign keys on again")
                .isEqualTo(1);
    }

    private void migrate(String target) {
        var flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/sqlite");
        (target == null ? flyway : flyway.target(target)).load().migrate();
    }

    @AfterEach
    void close() {
        if (dataSource != null) {
            dataSource.destroy();
        }
    }
}

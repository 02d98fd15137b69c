package app.smartcomply.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The migration that gives deliveries their {@code state} (SQLite V8, PostgreSQL V10): every shape
 * of row the columns could describe before it comes through in the state that shape meant, and
 * afterwards the CHECK constraints refuse a combination no statement writes. One subclass per
 * engine, each with a fresh database and the migrations up to the one before.
 */
abstract class DeliveryStateMigrationContractTest {

    /** A fresh, empty database of the engine; the caller closes nothing. */
    abstract DataSource freshDatabase() throws Exception;

    abstract String engine();

    /** The last migration before the state column. */
    abstract String versionBefore();

    /** The names of the indexes on {@code deliveries} besides its primary key. */
    abstract String indexesOfDeliveriesSql();

    /** The indexes {@code deliveries} had before the migration, which it must keep. */
    abstract String[] indexesBefore();

    @Test
    void everyOldShapeOfADeliveryMigratesToTheStateItMeant() throws Exception {
        DataSource dataSource = freshDatabase();
        migrate(dataSource, versionBefore());
        JdbcClient jdbc = JdbcClient.create(dataSource);
        parents(jdbc);
        old(jdbc, "whd_waiting", "pending", 100L, null, null);
        old(jdbc, "whd_leased", "pending", 500L, "node-a", 500L);
        old(jdbc, "whd_lease_ran_out", "pending", 50L, "node-a", 50L);
        old(jdbc, "whd_released_in_flight", "pending", 100L, "node-a", 700L);
        old(jdbc, "whd_parked", "pending", 900L, null, 900L);
        old(jdbc, "whd_held", "pending", null, null, null);
        old(jdbc, "whd_held_in_flight", "pending", null, "node-a", 700L);
        old(jdbc, "whd_succeeded", "succeeded", null, null, null);
        old(jdbc, "whd_failed", "failed", null, null, null);
        old(jdbc, "whd_cancelled_in_flight", "cancelled", null, "node-a", 300L);
        jdbc.sql(
                        "INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_url,"
                                + " request_headers) VALUES ('wha_1', 'whd_succeeded', 1, 10, 5, 'https://example.com/hook', '[]')")
                .update();

        migrate(dataSource, null);

        assertRow(jdbc, "whd_waiting", "waiting", 100L, null, null);
        assertRow(jdbc, "whd_leased", "leased", 500L, "node-a", 500L);
        assertRow(jdbc, "whd_lease_ran_out", "leased", 50L, "node-a", 50L);
        assertRow(jdbc, "whd_released_in_flight", "leased", 100L, "node-a", 700L);
        assertRow(jdbc, "whd_parked", "parked", 900L, null, null);
        assertRow(jdbc, "whd_held", "held", null, null, null);
        assertRow(jdbc, "whd_held_in_flight", "held", null, "node-a", 700L);
        assertRow(jdbc, "whd_succeeded", "succeeded", null, null, null);
        assertRow(jdbc, "whd_failed", "failed", null, null, null);
        assertRow(jdbc, "whd_cancelled_in_flight", "cancelled", null, null, null);
        assertThat(jdbc.sql("SELECT status FROM deliveries WHERE id = 'whd_held_in_flight'")
                        .query(String.class)
                        .single())
                .as("the customer's status is unchanged")
                .isEqualTo("pending");
        assertThat(jdbc.sql("SELECT delivery_id FROM attempts WHERE id = 'wha_1'")
                        .query(String.class)
                        .single())
                .isEqualTo("whd_succeeded");
        // Kept through every later migration too; ordered delivery (SQLite V15, PostgreSQL V17) adds one.
        assertThat(jdbc.sql(indexesOfDeliveriesSql()).query(String.class).list())
                .contains(indexesBefore())
                .containsOnly(java.util.stream.Stream.concat(
                                java.util.Arrays.stream(indexesBefore()),
                                java.util.stream.Stream.of("deliveries_in_line"))
                        .toArray(String[]::new));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM deliveries WHERE line IS NOT NULL OR line_seq IS NOT NULL")
                        .query(Long.class)
                        .single())
                .as("no delivery from before is in a line")
                .isZero();
    }

    @Test
    void theConstraintsRefuseACombinationNoStatementWrites() throws Exception {
        DataSource dataSource = freshDatabase();
        migrate(dataSource, null);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        parents(jdbc);
        fresh(jdbc, "whd_ok", "pending", "waiting", 100L, null, null);

        assertRefused(
                () -> fresh(jdbc, "whd_1", "succeeded", "succeeded", 100L, null, null),
                "deliveries_due_unless_held_or_ended");
        assertRefused(() -> fresh(jdbc, "whd_2", "pending", "leased", 100L, null, null), "deliveries_leased_has_lease");
        assertRefused(
                () -> fresh(jdbc, "whd_3", "pending", "waiting", 100L, "node-a", 500L),
                "deliveries_lease_only_leased_or_held");
        assertRefused(() -> fresh(jdbc, "whd_4", "pending", "failed", null, null, null), "deliveries_status_of_state");
        assertRefused(() -> fresh(jdbc, "whd_5", "pending", "running", 100L, null, null), "deliveries_state_known");
        assertRefused(() -> fresh(jdbc, "whd_6", "pending", "leased", 100L, "node-a", null), "deliveries_lease_whole");
        assertRefused(
                () -> jdbc.sql("UPDATE deliveries SET state = 'held' WHERE id = 'whd_ok'")
                        .update(),
                "deliveries_due_unless_held_or_ended");
        // Ordered delivery: queued is pending in a line, with no due time.
        assertRefused(() -> queued(jdbc, "whd_7", null, null, null), "deliveries_queued_in_line");
        assertRefused(() -> queued(jdbc, "whd_8", "", 1L, 100L), "deliveries_due_unless_held_or_ended");
        assertRefused(() -> queued(jdbc, "whd_9", "", null, null), "deliveries_line_whole");
        queued(jdbc, "whd_10", "\"ntc_1\"", 2L, null);
        assertThat(jdbc.sql("SELECT status FROM deliveries WHERE id = 'whd_10'")
                        .query(String.class)
                        .single())
                .isEqualTo("pending");
        assertThat(jdbc.sql("SELECT state FROM deliveries WHERE id = 'whd_ok'")
                        .query(String.class)
                        .single())
                .isEqualTo("waiting");
    }

    private void migrate(DataSource dataSource, String target) {
        // As the service configures it (application.yml): a lock held in a transaction would make
        // PostgreSQL's CREATE INDEX CONCURRENTLY (V4) wait for it forever.
        var flyway = Flyway.configure()
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + engine());
        (target == null ? flyway : flyway.target(target)).load().migrate();
    }

    private static void parents(JdbcClient jdbc) {
        jdbc.sql("INSERT INTO accounts (id, name, created_at) VALUES ('acct_1', 'Migration', 1)")
                .update();
        jdbc.sql(
                        "INSERT INTO endpoints (id, account_id, url, event_types, status, created_at, updated_at)"
                                + " VALUES ('ep_1', 'acct_1', 'https://example.com/hook', '[\"test.submitted\"]', 'active', 1, 1)")
                .update();
        jdbc.sql("INSERT INTO events (id, account_id, type, payload, created_at) VALUES ('evt_1', 'acct_1',"
                        + " 'test.submitted', :payload, 1)")
                .param("payload", "{}".getBytes())
                .update();
    }

    /** A delivery as the columns described it before the state column. */
    private static void old(JdbcClient jdbc, String id, String status, Long due, String owner, Long expiry) {
        jdbc.sql(
                        "INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempt_count,"
                                + " next_attempt_at, lease_owner, lease_expires_at, created_at, updated_at)"
                                + " VALUES (:id, 'acct_1', 'evt_1', 'ep_1', 'test.submitted', :status, 0, :due, :owner, :expiry, 1, 1)")
                .params(row(id, status, due, owner, expiry))
                .update();
    }

    private static void fresh(
            JdbcClient jdbc, String id, String status, String state, Long due, String owner, Long expiry) {
        Map<String, Object> params = row(id, status, due, owner, expiry);
        params.put("state", state);
        jdbc.sql("INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempt_count,"
                        + " next_attempt_at, lease_owner, lease_expires_at, created_at, updated_at, state)"
                        + " VALUES (:id, 'acct_1', 'evt_1', 'ep_1', 'test.submitted', :status, 0, :due, :owner, :expiry, 1, 1,"
                        + " :state)")
                .params(params)
                .update();
    }

    private static void queued(JdbcClient jdbc, String id, String line, Long seq, Long due) {
        Map<String, Object> params = row(id, "pending", due, null, null);
        params.put("line", line);
        params.put("seq", seq);
        jdbc.sql("INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempt_count,"
                        + " next_attempt_at, created_at, updated_at, state, line, line_seq)"
                        + " VALUES (:id, 'acct_1', 'evt_1', 'ep_1', 'test.submitted', :status, 0, :due, 1, 1, 'queued',"
                        + " :line, :seq)")
                .params(params)
                .update();
    }

    private static Map<String, Object> row(String id, String status, Long due, String owner, Long expiry) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        params.put("status", status);
        params.put("due", due);
        params.put("owner", owner);
        params.put("expiry", expiry);
        return params;
    }

    private static void assertRow(JdbcClient jdbc, String id, String state, Long due, String owner, Long expiry) {
        Map<String, Object> row = jdbc.sql(
                        "SELECT state, next_attempt_at, lease_owner, lease_expires_at FROM deliveries"
                                + " WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
        assertThat(row.get("state")).as(id).isEqualTo(state);
        assertThat(asLong(row.get("next_attempt_at"))).as(id + " due").isEqualTo(due);
        assertThat(row.get("lease_owner")).as(id + " owner").isEqualTo(owner);
        assertThat(asLong(row.get("lease_expires_at"))).as(id + " expiry").isEqualTo(expiry);
    }

    private static Long asLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static void assertRefused(Runnable write, String constraint) {
        assertThatThrownBy(write::run).as(constraint).hasMessageContaining(constraint);
    }
}

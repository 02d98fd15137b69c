package app.smartcomply.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.testkit.ApiClient;
import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The store contract on PostgreSQL: a fresh database on the server of WEBHOOKS_TEST_DATABASE_URL. */
class PostgresStoreContractTest extends StoreContractTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("store_contract");

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }

    @Override
    String expectedEngine() {
        return "postgresql";
    }

    /**
     * PostgreSQL reads committed data, so the service can disable an endpoint between a PATCH's read
     * and its write. The PATCH must not write the status it read back over that: the endpoint would
     * be on again while its deliveries stay held for a disabled one.
     */
    @Test
    void aPatchRacingTheServiceDisablingTheEndpointLeavesItDisabled() throws Exception {
        String endpoint =
                api.createEndpoint(key, receiver.url(), "test.submitted").text("id");
        ExecutorService patcher = Executors.newSingleThreadExecutor();
        try (Connection service = dataSource.getConnection()) {
            service.setAutoCommit(false);
            try (PreparedStatement disable = service.prepareStatement(
                    "UPDATE endpoints SET status = 'disabled', disabled_reason = 'It answered 410 Gone.' WHERE id = ?")) {
                disable.setString(1, endpoint);
                disable.executeUpdate();
            }
            Future<ApiClient.Answer> patch = patcher.submit(
                    () -> api.patch("/api/v1/webhooks/endpoints/" + endpoint, key, "{\"description\":\"renamed\"}"));
            awaitAStatementWaitingForARowLock();
            service.commit();
            assertThat(patch.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        } finally {
            patcher.shutdownNow();
        }
        JsonNode after = ApiClient.expect(200, api.get("/api/v1/webhooks/endpoints/" + endpoint, key))
                .json();
        assertThat(after.get("status").asString()).isEqualTo("disabled");
        assertThat(after.get("description").asString()).isEqualTo("renamed");
    }

    /** The PATCH has read the endpoint and now waits for the uncommitted disable's row lock. */
    private void awaitAStatementWaitingForARowLock() throws InterruptedException {
        long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND wait_event_type = 'Lock' AND query LIKE 'UPDATE endpoints SET url%'")
                        .query(Long.class)
                        .single()
                == 0) {
            assertThat(System.nanoTime())
                    .as("the PATCH never waited for the lock")
                    .isLessThan(giveUpAt);
            Thread.sleep(10);
        }
    }
}

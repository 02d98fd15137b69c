package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The writes on PostgreSQL: one statement over arrays per write. */
class PostgresDeliveryWritesContractTest extends DeliveryWritesContractTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("writes_contract");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

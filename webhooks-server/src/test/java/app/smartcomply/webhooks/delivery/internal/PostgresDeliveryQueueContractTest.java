package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The queue contract on PostgreSQL, where claims race for real: FOR UPDATE SKIP LOCKED. */
class PostgresDeliveryQueueContractTest extends DeliveryQueueContractTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("queue_contract");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

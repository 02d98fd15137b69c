package app.smartcomply.webhooks.delivery;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link OrderedDeliveryTest} on PostgreSQL. */
class PostgresOrderedDeliveryTest extends OrderedDeliveryTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("ordered_delivery_e2e");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

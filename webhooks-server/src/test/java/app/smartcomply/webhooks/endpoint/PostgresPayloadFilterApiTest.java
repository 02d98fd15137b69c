package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PayloadFilterApiTest} on PostgreSQL. */
class PostgresPayloadFilterApiTest extends PayloadFilterApiTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("payload_filter");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

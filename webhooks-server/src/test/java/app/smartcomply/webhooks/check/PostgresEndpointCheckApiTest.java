package app.smartcomply.webhooks.check;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link EndpointCheckApiTest} on PostgreSQL. */
class PostgresEndpointCheckApiTest extends EndpointCheckApiTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("endpoint_checks");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

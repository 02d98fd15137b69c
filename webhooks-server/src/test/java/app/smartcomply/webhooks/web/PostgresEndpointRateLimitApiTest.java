package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link EndpointRateLimitApiTest} on PostgreSQL. */
class PostgresEndpointRateLimitApiTest extends EndpointRateLimitApiTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("rate_limit_api");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

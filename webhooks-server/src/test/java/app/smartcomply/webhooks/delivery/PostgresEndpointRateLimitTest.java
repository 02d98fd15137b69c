package app.smartcomply.webhooks.delivery;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link EndpointRateLimitTest} on PostgreSQL, where the limiter's state is a shared row per endpoint. */
class PostgresEndpointRateLimitTest extends EndpointRateLimitTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("rate_limit");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

package app.smartcomply.webhooks.tracing;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link TracingTest} on PostgreSQL: the publish's trace context is stored and claimed there too. */
class PostgresTracingTest extends TracingTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("tracing");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CustomHeadersTest} on PostgreSQL. */
class PostgresCustomHeadersTest extends CustomHeadersTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("custom_headers");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link TriggerApiTest} on PostgreSQL. */
class PostgresTriggerApiTest extends TriggerApiTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("trigger_api");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

package app.smartcomply.webhooks.web;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The batch publish on PostgreSQL: a fresh database on the server of WEBHOOKS_TEST_DATABASE_URL. */
class PostgresBatchPublishContractTest extends BatchPublishContractTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("batch_publish");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

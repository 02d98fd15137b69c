package app.smartcomply.webhooks.notice;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operations webhooks on PostgreSQL: the notice ledger's claims, the platform account and
 * endpoint made at start, and the schema of V9.
 */
class PostgresOperationsWebhooksTest extends OperationsWebhooksTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("operations_webhooks");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

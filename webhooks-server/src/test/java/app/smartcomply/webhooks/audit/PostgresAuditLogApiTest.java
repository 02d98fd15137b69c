package app.smartcomply.webhooks.audit;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link AuditLogApiTest} on PostgreSQL. */
class PostgresAuditLogApiTest extends AuditLogApiTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("audit_log");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

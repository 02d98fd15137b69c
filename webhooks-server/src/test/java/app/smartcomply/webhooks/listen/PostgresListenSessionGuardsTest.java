package app.smartcomply.webhooks.listen;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ListenSessionGuardsTest} on PostgreSQL: reported deliveries, retry, recover and PATCH there too. */
class PostgresListenSessionGuardsTest extends ListenSessionGuardsTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("listen_guards");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

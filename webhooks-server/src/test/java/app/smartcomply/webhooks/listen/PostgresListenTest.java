package app.smartcomply.webhooks.listen;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ListenTest} on PostgreSQL: sessions, the event stream and reported deliveries there too. */
class PostgresListenTest extends ListenTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("listen");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

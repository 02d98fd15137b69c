package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link PlatformSignInTest} on PostgreSQL. */
class PostgresPlatformSignInTest extends PlatformSignInTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("sign_in_links");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

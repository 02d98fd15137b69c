package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link AsymmetricSigningTest} on PostgreSQL. */
class PostgresAsymmetricSigningTest extends AsymmetricSigningTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("asymmetric_signing");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

package app.smartcomply.webhooks.endpoint;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link EndpointMetadataTest} on PostgreSQL. */
class PostgresEndpointMetadataTest extends EndpointMetadataTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("endpoint_metadata");

    @DynamicPropertySource
    static void onPostgres(DynamicPropertyRegistry registry) {
        database.registerAsStore(registry);
    }
}

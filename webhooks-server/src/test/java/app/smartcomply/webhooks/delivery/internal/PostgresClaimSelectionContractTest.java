package app.smartcomply.webhooks.delivery.internal;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ClaimSelectionContractTest} on PostgreSQL. */
class PostgresClaimSelectionContractTest extends ClaimSelectionContractTest {

  @RegisterExtension static final PostgresTestDatabase database = PostgresTestDatabase.perClass("claim_selection");

  @DynamicPropertySource
  static void onPostgres(DynamicPropertyRegistry registry) {
    database.registerAsStore(registry);
  }
}

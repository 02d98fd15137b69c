package app.smartcomply.webhooks.cli;

import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link AdminKeyResetContract} on a real PostgreSQL database of its own. */
class PostgresAdminKeyResetTest extends AdminKeyResetContract {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("admin_key_reset");

    @Override
    List<String> serviceStoreArgs() {
        return List.of("--webhooks.store.database-url=" + database.url(), "--webhooks.store.max-pool-size=4");
    }

    /** One database for the class: each test's service starts as a first start, generating its key. */
    @AfterEach
    void forgetTheGeneratedKey() throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM settings WHERE name = 'admin_key_hash'");
        }
    }

    @Override
    List<String> cliStoreArgs() {
        return List.of("--database-url", database.url());
    }
}

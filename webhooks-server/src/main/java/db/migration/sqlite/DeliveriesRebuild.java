package db.migration.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.Context;

/**
 * SQLite's twelve-step ALTER TABLE for {@code deliveries}, as the Java migrations that build the
 * table anew run it: foreign keys off, the statements in one transaction of the migration's own,
 * then {@code PRAGMA foreign_key_check} on deliveries and on attempts (which refers to it by name),
 * committed only if no key broke. Foreign keys can only be switched off outside a transaction,
 * so the migrations using this run outside Flyway's.
 */
final class DeliveriesRebuild {

    /** The statements of one rebuild, worked out on the migration's connection. */
    interface Statements {
        List<String> of(Statement statement) throws Exception;
    }

    private DeliveriesRebuild() {}

    static void run(Context context, Statements statements) throws Exception {
        Connection connection = context.getConnection();
        boolean autoCommit = connection.getAutoCommit();
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA foreign_keys = OFF");
            try {
                connection.setAutoCommit(false);
                for (String sql : statements.of(statement)) {
                    statement.execute(sql);
                }
                for (String table : List.of("deliveries", "attempts")) {
                    try (ResultSet violations = statement.executeQuery("PRAGMA foreign_key_check(" + table + ")")) {
                        if (violations.next()) {
                            throw new IllegalStateException("Rebuilding deliveries broke a foreign key of " + table);
                        }
                    }
                }
                connection.commit();
            } catch (Exception e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
                statement.execute("PRAGMA foreign_keys = ON");
            }
        }
    }
}

package db.migration.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** The names of deliveries' columns, in order, joined with commas. */
    static String columnNames(Statement statement) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet info = statement.executeQuery("PRAGMA table_info(deliveries)")) {
            while (info.next()) {
                names.add(info.getString("name"));
            }
        }
        return String.join(", ", names);
    }

    /** The stored SQL of every index and trigger on deliveries, by name: to create again after the swap. */
    static Map<String, String> indexesAndTriggers(Statement statement) throws Exception {
        Map<String, String> recreated = new LinkedHashMap<>();
        try (ResultSet schema = statement.executeQuery("SELECT name, sql FROM sqlite_master"
                + " WHERE tbl_name = 'deliveries' AND type IN ('index', 'trigger') AND sql IS NOT NULL")) {
            while (schema.next()) {
                recreated.put(schema.getString(1), schema.getString(2));
            }
        }
        return recreated;
    }

    /**
     * The statements that fill {@code deliveries_new} (already created) with every row's {@code
     * columns}, put it in the place of deliveries, and create {@code recreated} on it.
     */
    static List<String> swap(String columns, Iterable<String> recreated) {
        List<String> statements = new ArrayList<>();
        statements.add("INSERT INTO deliveries_new (" + columns + ") SELECT " + columns + " FROM deliveries");
        statements.add("DROP TABLE deliveries");
        statements.add("ALTER TABLE deliveries_new RENAME TO deliveries");
        recreated.forEach(statements::add);
        return statements;
    }

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

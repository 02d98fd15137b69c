package app.smartcomply.webhooks.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the connection pool of the store that {@link StoreProperties} names — the service's own
 * pool ({@link DatabaseConfiguration}) and the one an offline command-line tool opens (such as
 * {@code ./webhooks admin-key reset}), so both talk to the same file or database the same way.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL}: a commit that returned is on disk, which
 * is what a 202 from the publish API promises. Write transactions start with {@code BEGIN
 * IMMEDIATE} so two writers never deadlock upgrading read locks; {@code busy_timeout} makes the
 * second writer wait instead of failing. Temporary tables and statement journals stay in memory,
 * and the driver does not fetch generated keys (the service makes its own ids). The data directory
 * and everything in it are the service account's alone ({@link OwnerOnlyFiles}: 0700 and 0600).
 */
public final class StoreDataSource {

    private static final Logger log = LoggerFactory.getLogger(StoreDataSource.class);

    private StoreDataSource() {}

    /** The SQLite file under the data directory, absolute. */
    public static Path sqliteFile(StoreProperties properties) {
        return properties.dataDir().resolve("webhooks.db").toAbsolutePath().normalize();
    }

    /**
     * A pool on the store. On SQLite the file is created if missing; callers that must not create
     * one (an offline tool pointed at the wrong directory) check {@link #sqliteFile} first.
     */
    public static HikariDataSource open(StoreProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("webhooks-db");
        if (properties.usesPostgres()) {
            PostgresUrl url = PostgresUrl.parse(properties.databaseUrl());
            config.setJdbcUrl(url.jdbcUrl());
            if (url.username() != null) {
                config.setUsername(url.username());
            }
            if (url.password() != null) {
                config.setPassword(url.password());
            }
            config.setMaximumPoolSize(poolSize(properties, 16));
            // Fail fast while the database is down: the API answers 503 instead of hanging.
            config.setConnectionTimeout(2_000);
            config.setInitializationFailTimeout(-1);
            log.info("Store: PostgreSQL at {}", url);
        } else {
            Path file = sqliteFile(properties);
            // Owner-only before SQLite opens it: SQLite gives the -wal, -shm and -journal files it
            // creates later the mode of the database file, so they are born 0600 too.
            OwnerOnlyFiles.directoryAndContents(properties.dataDir());
            OwnerOnlyFiles.file(file);
            SqliteFile.prepare(file);
            config.setJdbcUrl("jdbc:sqlite:" + file);
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "FULL");
            config.addDataSourceProperty("busy_timeout", "30000");
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            config.addDataSourceProperty("foreign_keys", "true");
            // A group commit runs each unit in a savepoint, whose statement journal outgrows SQLite's
            // in-memory spill limit: with temporary files on disk that was a file created and
            // unlinked about every other commit (decision 027).
            config.addDataSourceProperty("temp_store", "MEMORY");
            // Ids are made by the service, never by the database: without this the driver runs an
            // extra "SELECT last_insert_rowid()" statement after every single-row insert.
            config.addDataSourceProperty("jdbc.get_generated_keys", "false");
            // After a checkpoint the WAL file is cut back to this size instead of keeping its largest.
            config.addDataSourceProperty("journal_size_limit", String.valueOf(64L << 20));
            config.setMaximumPoolSize(poolSize(properties, 8));
            config.setConnectionTimeout(30_000);
            log.info("Store: SQLite at {}", file);
        }
        return new HikariDataSource(config);
    }

    /** Whether the SQLite file exists (always true on PostgreSQL, where the server holds the data). */
    public static boolean exists(StoreProperties properties) {
        return properties.usesPostgres() || Files.isRegularFile(sqliteFile(properties));
    }

    private static int poolSize(StoreProperties properties, int fallback) {
        return properties.maxPoolSize() != null ? properties.maxPoolSize() : fallback;
    }
}

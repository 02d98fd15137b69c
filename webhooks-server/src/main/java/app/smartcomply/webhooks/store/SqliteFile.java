package app.smartcomply.webhooks.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the SQLite file one whose free pages can be given back to the file system ({@code
 * auto_vacuum = INCREMENTAL}), before any pooled connection opens it.
 *
 * <p>The mode is a property of the file, fixed when its first page is written: a connection that
 * asks for WAL (as the pool's do) writes that page, so a new file gets the mode here first, on a
 * connection of its own. A file made before this (mode NONE) is converted once by a {@code
 * VACUUM}, which rewrites the whole file: it takes time in proportion to the file's size and needs
 * free disk space for a second copy of it. If that fails (the disk is full, which is when this
 * matters most), the service starts anyway and says so: the purge still frees pages, which SQLite
 * reuses before it grows the file, but the file does not shrink until a conversion succeeds (at
 * the next start with room, or by an operator's {@code VACUUM}).
 */
final class SqliteFile {

    private static final Logger log = LoggerFactory.getLogger(SqliteFile.class);
    private static final int INCREMENTAL = 2;

    private SqliteFile() {}

    /** Sets up a new file, converts an old one; never leaves a half-converted file behind. */
    static void prepare(Path file) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = connection.createStatement()) {
            if (number(sql, "PRAGMA auto_vacuum") == INCREMENTAL) {
                return;
            }
            sql.execute("PRAGMA auto_vacuum = INCREMENTAL");
            if (number(sql, "SELECT COUNT(*) FROM sqlite_master") == 0) {
                sql.execute("PRAGMA journal_mode = WAL"); // writes the first page, with the mode in it
                return;
            }
            long bytes = size(file);
            log.info(
                    "Converting {} ({} MiB) to incremental auto-vacuum, once: VACUUM rewrites the file",
                    file,
                    bytes >> 20);
            long started = System.nanoTime();
            sql.execute("VACUUM");
            log.info(
                    "Converted {} in {} ms; it is now {} MiB",
                    file,
                    (System.nanoTime() - started) / 1_000_000,
                    size(file) >> 20);
        } catch (SQLException e) {
            // VACUUM works on a copy and replaces the file only when it is complete: a failure leaves the
            // old file as it was.
            log.warn(
                    "Could not convert {} to incremental auto-vacuum ({}). The service runs on; purged space is reused"
                            + " but the file will not shrink until a conversion succeeds (restart with free disk space of the file's"
                            + " size).",
                    file,
                    e.getMessage());
        }
    }

    private static long number(Statement sql, String query) throws SQLException {
        try (ResultSet result = sql.executeQuery(query)) {
            return result.next() ? result.getLong(1) : 0;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}

package app.smartcomply.webhooks.retention;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Lets one node at a time run a purge round.
 *
 * <p>On PostgreSQL the round holds a session-level advisory lock on a connection of its own for
 * its whole length; a node that does not get it at once skips the round (another node is doing the
 * work). The batches run on other connections in short transactions, so no transaction stays open
 * for the round. A node that dies mid-round loses its session and with it the lock. On SQLite there
 * is one node, and every round may run.
 */
interface RoundLock {

    /** The lock if this node got it, to be closed when the round ends; empty: skip the round. */
    Optional<Held> tryAcquire();

    /** A lock this node holds until it closes it. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** SQLite: one node, nothing to share. */
    static RoundLock none() {
        return () -> Optional.of(() -> {});
    }

    /** PostgreSQL: {@code pg_try_advisory_lock} on a connection held for the round. */
    static RoundLock advisory(DataSource dataSource) {
        return new Advisory(dataSource);
    }

    /** Session-level advisory lock on a connection held for the round. */
    final class Advisory implements RoundLock {

        /** The lock's key: fixed, and distinct from Flyway's (which derives its key from a checksum). */
        static final long KEY = 0x5741_4843_5055_5247L; // "WHCPURG"

        private static final Logger log = LoggerFactory.getLogger(Advisory.class);

        private final DataSource dataSource;

        Advisory(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        public Optional<Held> tryAcquire() {
            Connection connection = null;
            try {
                connection = dataSource.getConnection();
                connection.setAutoCommit(true);
                if (!call(connection, "SELECT pg_try_advisory_lock(?)")) {
                    connection.close();
                    return Optional.empty();
                }
                Connection held = connection;
                return Optional.of(() -> release(held));
            } catch (SQLException e) {
                closeQuietly(connection);
                throw new DataAccessResourceFailureException("Could not take the purge lock: " + e.getMessage(), e);
            }
        }

        private void release(Connection connection) {
            try {
                call(connection, "SELECT pg_advisory_unlock(?)");
                connection.close();
            } catch (SQLException e) {
                // Back to the pool still holding the lock would block every other node's rounds: drop the
                // connection, and the session's end releases the lock.
                log.warn("Could not release the purge lock ({}); closing its connection", e.getMessage());
                if (dataSource instanceof HikariDataSource pool) {
                    pool.evictConnection(connection);
                } else {
                    closeQuietly(connection);
                }
            }
        }

        private static boolean call(Connection connection, String sql) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, KEY);
                try (ResultSet result = statement.executeQuery()) {
                    return result.next() && result.getBoolean(1);
                }
            }
        }

        private static void closeQuietly(Connection connection) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // nothing more to do
                }
            }
        }
    }
}

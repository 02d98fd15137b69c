package app.smartcomply.webhooks.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens PostgreSQL connections that are not part of the pool, for work that must keep one
 * connection to itself for a long time — {@code LISTEN} in particular, which only hears
 * notifications on the session that listened, and would otherwise take a pooled connection out of
 * the API's working set for good.
 *
 * <p>Same server and credentials as the pool; connecting gives up after a couple of seconds so a
 * caller that reconnects in a loop notices an outage quickly.
 */
public final class PostgresConnector {

    private final PostgresUrl url;

    public PostgresConnector(PostgresUrl url) {
        this.url = url;
    }

    /**
     * A new connection, in auto-commit mode; the caller closes it.
     *
     * @param purpose shown as {@code application_name} in {@code pg_stat_activity}
     */
    public Connection openDedicated(String purpose) throws SQLException {
        Properties properties = new Properties();
        if (url.username() != null) {
            properties.setProperty("user", url.username());
        }
        if (url.password() != null) {
            properties.setProperty("password", url.password());
        }
        properties.setProperty("ApplicationName", purpose);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = DriverManager.getConnection(url.jdbcUrl(), properties);
        connection.setAutoCommit(true);
        return connection;
    }

    @Override
    public String toString() {
        return "PostgresConnector[" + url + "]";
    }
}

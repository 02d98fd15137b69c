package app.smartcomply.webhooks.bench.service;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The benchmark's PostgreSQL database, addressed like the service addresses it ({@code
 * postgres://user:pass@host:port/db}). Each run starts from an empty schema, so the database must
 * be one made for benchmarking: its name has to contain {@code bench}.
 */
public final class PostgresDatabase {

    private final String jdbcUrl;
    private final Properties credentials = new Properties();
    private final String name;
    /** Host and port, for PostgreSQL's own client programs; null for a {@code jdbc:} URL. */
    private final String host;

    private final int port;

    public PostgresDatabase(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            this.jdbcUrl = url;
            this.name = url.replaceAll("^.*/([^/?]+).*$", "$1");
            this.host = null;
            this.port = 0;
            return;
        }
        URI uri = URI.create(url);
        this.name = uri.getPath().substring(1);
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 5432 : uri.getPort();
        this.jdbcUrl = "jdbc:postgresql://" + host + ":" + port + "/" + name;
        if (uri.getRawUserInfo() != null) {
            String[] user = uri.getRawUserInfo().split(":", 2);
            credentials.setProperty("user", URLDecoder.decode(user[0], StandardCharsets.UTF_8));
            if (user.length > 1) {
                credentials.setProperty("password", URLDecoder.decode(user[1], StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * The connection options of PostgreSQL's client programs ({@code pgbench}, {@code psql}): host,
     * port, user and database. The password goes in {@code PGPASSWORD} ({@link #password}).
     */
    public java.util.List<String> clientArguments() {
        if (host == null) {
            throw new IllegalStateException("give --database-url as postgres://user:pass@host:port/db");
        }
        return java.util.List.of(
                "-h", host, "-p", Integer.toString(port), "-U", credentials.getProperty("user", ""), name);
    }

    /** The password of the URL, or null. */
    public String password() {
        return credentials.getProperty("password");
    }

    public Connection connect() throws SQLException {
        Properties properties = new Properties(credentials);
        properties.putAll(credentials);
        properties.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** Drops everything in the public schema, so the service migrates a fresh database. */
    public void reset() {
        if (!name.contains("bench")) {
            throw new IllegalArgumentException("Refusing to empty database '" + name
                    + "': the benchmark wipes its database, so its name must contain 'bench' (e.g. webhooks_bench).");
        }
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reset PostgreSQL database " + name + ": " + e.getMessage(), e);
        }
    }
}

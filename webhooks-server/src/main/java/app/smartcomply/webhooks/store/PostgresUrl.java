package app.smartcomply.webhooks.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location as operators write it — {@code postgres://user:pass@host:port/db} (the
 * libpq / Heroku form) or a {@code jdbc:postgresql:} URL — turned into what the JDBC driver takes.
 *
 * <p>{@link #toString()} never includes the password.
 */
public record PostgresUrl(String jdbcUrl, String username, String password) {

    /**
     * Parses either form.
     *
     * @throws IllegalArgumentException if the URL is neither form (the message omits credentials)
     */
    public static PostgresUrl parse(String url) {
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new PostgresUrl(trimmed, null, null);
        }
        if (!trimmed.startsWith("postgres://") && !trimmed.startsWith("postgresql://")) {
            throw new IllegalArgumentException(
                    "WEBHOOKS_DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql:");
        }
        URI uri = URI.create(trimmed);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("WEBHOOKS_DATABASE_URL has no host");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String database = uri.getPath() == null ? "" : uri.getPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new PostgresUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + database + query, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PostgresUrl[" + jdbcUrl.replaceAll("password=[^&]*", "password=***") + "]";
    }
}

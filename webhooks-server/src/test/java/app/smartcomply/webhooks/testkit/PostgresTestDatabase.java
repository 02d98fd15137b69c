package app.smartcomply.webhooks.testkit;

import app.smartcomply.webhooks.store.PostgresUrl;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A fresh, empty PostgreSQL database for one test class, created on the server that {@value
 * #ENV} points at (its role needs {@code CREATEDB}) and dropped afterwards.
 *
 * <p>Without {@value #ENV}, or with a server that does not answer, tests that need PostgreSQL are
 * skipped with a loud message — except under {@code CI=true}, where that fails the run: CI must
 * never go green with the PostgreSQL half of the suite silently missing.
 *
 * <p>Use as a static {@code @RegisterExtension} field; in a Spring test, hand the URL to the
 * service with {@link #registerAsStore}. After the class, the Spring context is closed before the
 * database is dropped, so no pooled connection or delivery loop sees it vanish.
 */
public final class PostgresTestDatabase implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

    /** The variable naming the server, e.g. {@code postgres://webhooks:webhooks@127.0.0.1:5432/webhooks_test}. */
    public static final String ENV = "WEBHOOKS_TEST_DATABASE_URL";

    private final String label;
    private volatile String name;

    private PostgresTestDatabase(String label) {
        this.label = label;
    }

    /** A database per test class; {@code label} only makes its name recognisable in {@code \l}. */
    public static PostgresTestDatabase perClass(String label) {
        return new PostgresTestDatabase(label);
    }

    /**
     * The configured server URL, after checking it answers. Skips the calling test (or fails it
     * under CI) otherwise.
     */
    public static String requireServer() {
        String url = System.getenv(ENV);
        if (url == null || url.isBlank()) {
            unavailable(ENV + " is not set");
        }
        try (Connection ignored = connect(url)) {
            return url;
        } catch (SQLException e) {
            unavailable("the server at " + PostgresUrl.parse(url) + " does not answer: " + e.getMessage());
            throw new AssertionError("unreachable");
        }
    }

    private static void unavailable(String why) {
        String message = "PostgreSQL tests NOT RUN: " + why + ". Point " + ENV
                + " at a server whose role may CREATEDB (see docs/deploying.md).";
        System.err.println("\n!!!!!!!!!! " + message + " !!!!!!!!!!\n");
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " Under CI=true this is a failure.");
        }
        Assumptions.abort(message);
    }

    /**
     * Skips the whole class — reported as skipped, with the reason — when there is no server to
     * test against; under CI it lets the class run, so that {@link #beforeAll} fails it.
     */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("decided for the whole class");
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("under CI the PostgreSQL tests must run");
        }
        try {
            requireServer();
            return ConditionEvaluationResult.enabled("PostgreSQL server available");
        } catch (org.opentest4j.TestAbortedException skipped) {
            return ConditionEvaluationResult.disabled(skipped.getMessage());
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        String server = requireServer();
        String candidate = "wh_" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_") + "_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        try (Connection admin = connect(server);
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + candidate);
        }
        name = candidate;
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (name == null) {
            return;
        }
        if (!dropWhenSpringCloses(context)) {
            drop();
        }
    }

    /** Drops the database now, ending any session still connected to it. */
    public void drop() throws SQLException {
        String dropping = name;
        if (dropping == null) {
            return;
        }
        name = null;
        try (Connection admin = connect(System.getenv(ENV));
                Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + dropping + " WITH (FORCE)");
        }
    }

    /**
     * Spring closes the test's context right after this extension's {@code afterAll}. Dropping the
     * database now would pull it from under the pool and the delivery loop; instead the drop is
     * registered as a disposable that the {@code dataSource} bean depends on, so Spring runs it after
     * the pool has closed.
     */
    private boolean dropWhenSpringCloses(ExtensionContext context) {
        try {
            if (SpringExtension.getApplicationContext(context) instanceof ConfigurableApplicationContext spring
                    && spring.isActive()
                    && spring.getBeanFactory() instanceof DefaultListableBeanFactory beans
                    && beans.containsBean("dataSource")) {
                String dropper = "postgresTestDatabaseDropper";
                beans.registerDisposableBean(dropper, this::drop);
                beans.registerDependentBean(dropper, "dataSource");
                return true;
            }
        } catch (RuntimeException notASpringTestOrFailedToLoad) {
            // No context holds the database: drop it at once.
        }
        return false;
    }

    /** The database's URL in the {@code postgres://} form operators use for WEBHOOKS_DATABASE_URL. */
    public String url() {
        if (name == null) {
            throw new IllegalStateException("The database exists only between beforeAll and afterAll");
        }
        URI server = URI.create(System.getenv(ENV).trim().replaceFirst("^jdbc:", ""));
        return server.getScheme() + "://" + (server.getRawUserInfo() == null ? "" : server.getRawUserInfo() + "@")
                + server.getHost() + ":" + (server.getPort() == -1 ? 5432 : server.getPort()) + "/" + name
                + (server.getRawQuery() == null ? "" : "?" + server.getRawQuery());
    }

    /** The database's name on the server. */
    public String name() {
        return name;
    }

    /** Points the service under test at this database. */
    public void registerAsStore(DynamicPropertyRegistry registry) {
        registry.add("webhooks.store.database-url", this::url);
        // Several contexts may be alive in one test JVM: keep each one's share of max_connections small.
        registry.add("webhooks.store.max-pool-size", () -> "6");
    }

    /** A plain JDBC connection to this database, for assertions that look at the tables. */
    public Connection connect() throws SQLException {
        return connect(url());
    }

    private static Connection connect(String url) throws SQLException {
        PostgresUrl parsed = PostgresUrl.parse(url);
        return DriverManager.getConnection(parsed.jdbcUrl(), parsed.username(), parsed.password());
    }
}

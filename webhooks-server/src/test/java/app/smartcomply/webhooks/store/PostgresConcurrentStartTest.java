package app.smartcomply.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import app.smartcomply.webhooks.WebhooksApplication;
import app.smartcomply.webhooks.account.AccountService;
import app.smartcomply.webhooks.account.ApiKeyMode;
import app.smartcomply.webhooks.account.Authenticator;
import app.smartcomply.webhooks.account.Caller;
import app.smartcomply.webhooks.audit.AuditContext;
import app.smartcomply.webhooks.endpoint.CreatedEndpoint;
import app.smartcomply.webhooks.endpoint.EndpointService;
import app.smartcomply.webhooks.endpoint.EndpointsForDelivery;
import app.smartcomply.webhooks.signature.SigningSecret;
import app.smartcomply.webhooks.testkit.PostgresTestDatabase;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Three services start at the same moment on one empty PostgreSQL database, with neither an admin
 * key nor an encryption key configured — the race a fresh multi-node deployment runs. Migrations
 * must run once (Flyway's advisory lock), one admin key must be generated and shown by exactly one
 * node and accepted by all, and all must encrypt signing secrets with the same generated key
 * (settings rows written with {@code INSERT … ON CONFLICT DO NOTHING}, then read back).
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresConcurrentStartTest {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.perClass("concurrent_start");

    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void nodesStartingTogetherMigrateOnceAndAgreeOnGeneratedKeys(CapturedOutput output) throws Exception {
        // Spring Boot (re)configures the JVM-wide Logback context on every start; three starts racing in
        // one JVM trip over each other there ("Unable to find Spring Environment in logger context").
        // Separate processes — real nodes, and MultiNodeIT — don't share it, so switch that off here.
        String loggingSystem = System.setProperty(LOGGING_SYSTEM, "none");
        try {
            startThreeNodesTogetherAndCheck(output);
        } finally {
            if (loggingSystem == null) {
                System.clearProperty(LOGGING_SYSTEM);
            } else {
                System.setProperty(LOGGING_SYSTEM, loggingSystem);
            }
        }
    }

    private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

    private void startThreeNodesTogetherAndCheck(CapturedOutput output) throws Exception {
        int count = 3;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ConfigurableApplicationContext>> starting = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(count)) {
            for (int i = 0; i < count; i++) {
                String dataDir =
                        Files.createTempDirectory("webhooks-start-" + i + "-").toString();
                starting.add(threads.submit(() -> {
                    go.await();
                    return new SpringApplicationBuilder(WebhooksApplication.class)
                            .run(
                                    "--spring.main.web-application-type=none",
                                    "--webhooks.store.database-url=" + database.url(),
                                    "--webhooks.store.max-pool-size=3",
                                    "--webhooks.store.data-dir=" + dataDir,
                                    "--webhooks.delivery.enabled=false",
                                    "--webhooks.dev-mode=true",
                                    "--webhooks.admin-key=",
                                    "--webhooks.encryption-key=");
                }));
            }
            go.countDown();
            for (Future<ConfigurableApplicationContext> node : starting) {
                nodes.add(node.get());
            }
        }

        assertThat(single("SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL"))
                .isEqualTo(migrationFiles());
        assertThat(single("SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success"))
                .isZero();

        // Each node's start-up banner has already taken its generated key, if it had one, and printed it.
        List<String> shown = output.getOut()
                .lines()
                .dropWhile(line -> !line.contains("Admin key (generated"))
                .skip(1)
                .limit(1)
                .map(String::trim)
                .toList();
        assertThat(output.getOut().split("Admin key \\(generated", -1))
                .as("the admin key is shown by exactly one node")
                .hasSize(2);
        assertThat(shown.getFirst()).startsWith("sc_admin_");
        for (ConfigurableApplicationContext node : nodes) {
            assertThat(node.getBean(Authenticator.class).authenticate(shown.getFirst()))
                    .containsInstanceOf(Caller.Platform.class);
        }

        var account = nodes.getFirst().getBean(AccountService.class).createAccount("Concurrent start");
        CreatedEndpoint endpoint = nodes.getFirst()
                .getBean(EndpointService.class)
                .create(
                        account.account().id(),
                        ApiKeyMode.LIVE,
                        "http://127.0.0.1:9/hook",
                        List.of("*"),
                        null,
                        AuditContext.service());
        for (ConfigurableApplicationContext node : nodes) {
            assertThat(node.getBean(EndpointsForDelivery.class)
                            .signingSecrets(endpoint.endpoint().id()))
                    .as("every node decrypts the secret another node encrypted")
                    .containsExactly(SigningSecret.parse(endpoint.signingSecret()));
        }
        assertThat(single("SELECT COUNT(*) FROM settings WHERE name IN ('admin_key_hash', 'encryption_key')"))
                .isEqualTo(2);
    }

    private static long migrationFiles() throws Exception {
        try (var files = Files.list(java.nio.file.Path.of(PostgresConcurrentStartTest.class
                .getResource("/db/migration/postgresql")
                .toURI()))) {
            return files.filter(p -> p.toString().endsWith(".sql")).count();
        }
    }

    private static long single(String sql) throws Exception {
        try (Connection db = database.connect();
                ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

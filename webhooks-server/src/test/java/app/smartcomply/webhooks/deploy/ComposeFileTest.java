package app.smartcomply.webhooks.deploy;

import static app.smartcomply.webhooks.deploy.DeployFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose/compose.yaml: three nodes of the image on one PostgreSQL, started only once the
 * database is healthy, sharing the database URL and keys (each with its own node id), checked by a
 * healthcheck that exists in the image and asks the readiness group, and setting only environment
 * variables the service reads.
 */
class ComposeFileTest {

    private static final Path DIR = DeployFiles.dir().resolve("compose");
    private static final Map<String, Object> compose = DeployFiles.yaml(DIR.resolve("compose.yaml"));

    @Test
    void runsThreeNodesOfTheImageOnOnePostgres() {
        assertThat(nodes()).hasSize(3);
        Map<String, Object> services = at(compose, "services");
        assertThat((String) at(services, "postgres", "image")).startsWith("postgres:");
        for (Map<String, Object> node : nodes().values()) {
            assertThat((String) at(node, "image")).contains("smartcomply/webhooks:");
            assertThat((String) at(node, "depends_on", "postgres", "condition")).isEqualTo("service_healthy");
            assertThat((String) at(node, "environment", "WEBHOOKS_DATABASE_URL"))
                    .contains("@postgres:5432/");
        }
    }

    @Test
    void everyNodeSharesTheDatabaseAndKeysButNotItsNodeId() {
        Set<String> nodeIds = new HashSet<>();
        Map<String, Object> first = at(nodes().values().iterator().next(), "environment");
        for (Map<String, Object> node : nodes().values()) {
            Map<String, Object> env = at(node, "environment");
            for (String shared : List.of("WEBHOOKS_DATABASE_URL", "WEBHOOKS_ENCRYPTION_KEY", "WEBHOOKS_ADMIN_KEY")) {
                assertThat(env.get(shared)).as(shared).isNotNull().isEqualTo(first.get(shared));
            }
            nodeIds.add((String) env.get("WEBHOOKS_NODE_ID"));
        }
        assertThat(nodeIds).hasSize(3).doesNotContainNull();
    }

    @Test
    void setsOnlyEnvironmentVariablesTheServiceReads() {
        for (Map<String, Object> node : nodes().values()) {
            Map<String, Object> env = at(node, "environment");
            assertThat(env.keySet())
                    .allSatisfy(name -> assertThat(DeployFiles.isReadByTheService(name))
                            .as(name)
                            .isTrue());
        }
    }

    @Test
    void healthcheckRunsTheImagesOwnProbeOnTheReadinessGroup() throws ClassNotFoundException {
        for (Map<String, Object> node : nodes().values()) {
            List<String> test = at(node, "healthcheck", "test");
            assertThat(test.subList(0, 4)).containsExactly("CMD", "java", "-cp", "/app/classes");
            assertThat(Class.forName(test.get(4)).getSimpleName()).isEqualTo("HealthProbe");
            assertThat(test.get(5)).isEqualTo("/actuator/health/readiness");
        }
    }

    @Test
    void exampleEnvironmentFileHoldsPlaceholdersForEveryRequiredVariable() throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve("example.env")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .toList();
        String composeText = Files.readString(DIR.resolve("compose.yaml"));
        for (String line : lines) {
            String[] kv = line.split("=", 2);
            assertThat(composeText).contains("${" + kv[0] + ":?");
            assertThat(kv[1]).matches("(?i).*(replace|change-me).*");
        }
        assertThat(lines)
                .extracting(l -> l.split("=")[0])
                .contains("POSTGRES_PASSWORD", "WEBHOOKS_ENCRYPTION_KEY", "WEBHOOKS_ADMIN_KEY");
    }

    @Test
    void loadBalancerSendsToEveryNode() throws IOException {
        String nginx = Files.readString(DIR.resolve("nginx.conf"));
        for (String name : nodes().keySet()) {
            assertThat(nginx).contains("server " + name + ":8080");
        }
        List<String> ports = at(compose, "services", "load-balancer", "ports");
        assertThat(ports).containsExactly("8080:8080");
    }

    private static Map<String, Map<String, Object>> nodes() {
        Map<String, Map<String, Object>> services = at(compose, "services");
        Map<String, Map<String, Object>> nodes = new java.util.TreeMap<>();
        services.forEach((name, service) -> {
            if (String.valueOf(service.get("image")).contains("smartcomply/webhooks")) {
                nodes.put(name, service);
            }
        });
        return nodes;
    }
}

package app.smartcomply.webhooks.deploy;

import static app.smartcomply.webhooks.deploy.DeployFiles.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes: what a cluster operator relies on when applying it — probes on the service's
 * real health groups and port, every secret the pods read present in the Secret (with placeholder
 * values nobody could mistake for real ones), only environment variables the service reads, a pod
 * user matching the image's, and a Service and PodDisruptionBudget that select the Deployment's pods.
 */
class KubernetesManifestsTest {

    private static final Path DIR = DeployFiles.dir().resolve("kubernetes");
    private static final Map<String, Map<String, Object>> byKind = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                for (Map<String, Object> document : DeployFiles.yamlDocuments(file)) {
                    assertThat(document).as(file + " has apiVersion and kind").containsKeys("apiVersion", "kind");
                    assertThat(byKind.put((String) document.get("kind"), document))
                            .as("one " + document.get("kind"))
                            .isNull();
                }
            }
        }
    }

    @Test
    void kustomizationAppliesEveryManifest() throws IOException {
        List<String> resources = at(byKind.get("Kustomization"), "resources");
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(resources)
                    .containsExactlyInAnyOrderElementsOf(
                            files.map(f -> f.getFileName().toString())
                                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                                    .toList());
        }
    }

    @Test
    void probesAskTheServicesHealthGroupsOnItsHttpPort() {
        Map<String, Object> container = container();
        List<Map<String, Object>> ports = at(container, "ports");
        assertThat(ports).singleElement().satisfies(p -> {
            assertThat(p).containsEntry("name", "http").containsEntry("containerPort", 8080);
        });
        assertThat((String) at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        assertThat((String) at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat((String) at(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertThat((Object) at(container, probe, "httpGet", "port"))
                    .as(probe)
                    .isEqualTo("http");
        }
    }

    @Test
    void everySecretThePodsReadIsInTheSecretAsAnObviousPlaceholder() {
        Map<String, Object> secret = byKind.get("Secret");
        Map<String, String> values = at(secret, "stringData");
        assertThat(values).containsOnlyKeys("WEBHOOKS_DATABASE_URL", "WEBHOOKS_ENCRYPTION_KEY", "WEBHOOKS_ADMIN_KEY");
        assertThat(values.values()).allSatisfy(v -> assertThat(v).contains("REPLACE"));

        List<Map<String, Object>> env = at(container(), "env");
        List<Map<String, Object>> fromSecret = env.stream()
                .filter(e -> e.containsKey("valueFrom") && ((Map<?, ?>) e.get("valueFrom")).containsKey("secretKeyRef"))
                .toList();
        assertThat(fromSecret).extracting(e -> e.get("name")).containsExactlyInAnyOrderElementsOf(values.keySet());
        for (Map<String, Object> e : fromSecret) {
            assertThat((String) at(e, "valueFrom", "secretKeyRef", "name")).isEqualTo(at(secret, "metadata", "name"));
            assertThat(values).containsKey(at(e, "valueFrom", "secretKeyRef", "key"));
        }
    }

    @Test
    void setsOnlyEnvironmentVariablesTheServiceReads() {
        List<Map<String, Object>> env = at(container(), "env");
        assertThat(env)
                .extracting(e -> (String) e.get("name"))
                .contains("WEBHOOKS_NODE_ID", "OTEL_SERVICE_NAME")
                .allSatisfy(name -> assertThat(DeployFiles.isReadByTheService(name))
                        .as(name)
                        .isTrue())
                // Tracing stays off until the operator names a collector: an endpoint here would export
                // to a host that may not exist.
                .doesNotContain("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_TRACES_EXPORTER");
    }

    @Test
    void podsRunAsTheImagesNonRootUserWithAReadOnlyRoot() {
        Map<String, Object> pod = at(byKind.get("Deployment"), "spec", "template", "spec");
        assertThat((Object) at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat((Object) at(pod, "securityContext", "runAsUser")).isEqualTo(65532);
        assertThat((Object) at(container(), "securityContext", "readOnlyRootFilesystem"))
                .isEqualTo(true);
        assertThat((Object) at(container(), "securityContext", "allowPrivilegeEscalation"))
                .isEqualTo(false);
        // A read-only root still needs the two directories the service writes: /tmp and /data.
        List<Map<String, Object>> mounts = at(container(), "volumeMounts");
        assertThat(mounts).extracting(m -> m.get("mountPath")).containsExactlyInAnyOrder("/tmp", "/data");
        assertThat((String) at(container(), "image")).startsWith("smartcomply/webhooks:");
    }

    @Test
    void serviceAndDisruptionBudgetSelectTheDeploymentsPods() {
        Map<String, Object> podLabels = at(byKind.get("Deployment"), "spec", "template", "metadata", "labels");
        assertThat(podLabels).containsAllEntriesOf(at(byKind.get("Deployment"), "spec", "selector", "matchLabels"));
        assertThat(podLabels).containsAllEntriesOf(at(byKind.get("Service"), "spec", "selector"));
        assertThat(podLabels)
                .containsAllEntriesOf(at(byKind.get("PodDisruptionBudget"), "spec", "selector", "matchLabels"));
        assertThat((Object) at(byKind.get("Service"), "spec", "ports", "0", "targetPort"))
                .isEqualTo("http");
        assertThat((Object) at(byKind.get("PodDisruptionBudget"), "spec", "maxUnavailable"))
                .isEqualTo(1);
        assertThat((Integer) at(byKind.get("Deployment"), "spec", "replicas")).isGreaterThan(1);
    }

    private static Map<String, Object> container() {
        List<Map<String, Object>> containers = at(byKind.get("Deployment"), "spec", "template", "spec", "containers");
        assertThat(containers).hasSize(1);
        return containers.getFirst();
    }
}

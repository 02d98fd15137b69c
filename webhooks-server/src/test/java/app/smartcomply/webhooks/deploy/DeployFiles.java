package app.smartcomply.webhooks.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the repository's deploy/ files for the tests that check them, and knows which environment
 * variables the service really reads: the names application.yml maps (the README's configuration
 * table), the OpenTelemetry SDK's standard OTEL_* names, and the JVM's JAVA_TOOL_OPTIONS.
 */
final class DeployFiles {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private DeployFiles() {}

    /** The deploy/ directory (tests run with the module as working directory). */
    static Path dir() {
        for (Path candidate : List.of(Path.of("..", "deploy"), Path.of("deploy"))) {
            if (Files.isDirectory(candidate.resolve("kubernetes"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("deploy/ not found from " + Path.of("").toAbsolutePath());
    }

    static Map<String, Object> yaml(Path file) {
        return yamlDocuments(file).getFirst();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
                documents.add((Map<String, Object>) document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    /** Environment variables application.yml maps onto properties, e.g. WEBHOOKS_DATA_DIR. */
    static Set<String> variablesTheServiceReads() {
        Set<String> names = new TreeSet<>();
        try (InputStream in = DeployFiles.class.getResourceAsStream("/application.yml")) {
            Matcher m = PLACEHOLDER.matcher(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            while (m.find()) {
                names.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** Standard OpenTelemetry SDK variables the deploy files may set (the SDK reads them). */
    static final Set<String> OTEL_VARIABLES = Set.of(
            "OTEL_SERVICE_NAME",
            "OTEL_RESOURCE_ATTRIBUTES",
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "OTEL_EXPORTER_OTLP_PROTOCOL",
            "OTEL_EXPORTER_OTLP_HEADERS",
            "OTEL_TRACES_EXPORTER",
            "OTEL_TRACES_SAMPLER",
            "OTEL_TRACES_SAMPLER_ARG",
            "OTEL_SDK_DISABLED");

    /** Whether {@code name} is read by the service, its tracing SDK or the JVM. */
    static boolean isReadByTheService(String name) {
        return variablesTheServiceReads().contains(name)
                || OTEL_VARIABLES.contains(name)
                || name.equals("JAVA_TOOL_OPTIONS");
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(key);
            } else if (current instanceof List<?> list) {
                current = list.get(Integer.parseInt(key));
            } else {
                throw new AssertionError("no " + key + " in " + current);
            }
            if (current == null) {
                throw new AssertionError("missing " + String.join(".", path));
            }
        }
        return (T) current;
    }
}

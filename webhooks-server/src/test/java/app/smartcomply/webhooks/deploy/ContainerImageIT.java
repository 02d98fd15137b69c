package app.smartcomply.webhooks.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container image tarball that `package` builds with Jib (webhooks-server-image.tar, the
 * format `docker load` and `podman load` read): its configuration is what an operator relies on —
 * a non-root user, port 8080, /data as the volume the service keeps its data in, a JVM that sizes
 * its heap from the container's memory limit — and its layers hold a runtime that can start
 * without a base image: an executable java and dynamic loader, glibc, a passwd entry for the user,
 * and every jar the class path names.
 */
class ContainerImageIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode config;
    private static final Map<String, TarArchiveEntry> files = new HashMap<>();
    private static final Map<String, String> smallTextFiles = new HashMap<>();

    @BeforeAll
    static void readImage() throws IOException {
        assumeFalse(Boolean.getBoolean("webhooks.image.skip"), "image build skipped (-Dwebhooks.image.skip=true)");
        Path tar = Path.of(System.getProperty("webhooks.image.tar", "target/webhooks-server-image.tar"));
        assertThat(tar).as("image tarball built during package").exists();
        Map<String, byte[]> top = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                top.put(e.getName(), in.readAllBytes());
            }
        }
        JsonNode manifest = JSON.readTree(top.get("manifest.json")).get(0);
        config = JSON.readTree(top.get(manifest.get("Config").asString())).get("config");
        for (JsonNode layer : manifest.get("Layers")) {
            readLayer(top.get(layer.asString()));
        }
    }

    private static void readLayer(byte[] gzipped) throws IOException {
        try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped));
                TarArchiveInputStream in = new TarArchiveInputStream(gz)) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                String name = "/" + e.getName().replaceFirst("^\\./", "").replaceFirst("/$", "");
                files.put(name, e);
                if (e.isFile() && (name.startsWith("/etc/") || name.startsWith("/app/jib-"))) {
                    smallTextFiles.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Test
    void runsAsTheNonRootUserTheImageNames() {
        assertThat(config.get("User").asString()).isEqualTo("65532:65532");
        assertThat(smallTextFiles.get("/etc/passwd")).contains(":65532:65532:");
    }

    @Test
    void exposesPort8080AndKeepsItsDataInTheDataVolume() {
        assertThat(names(config.get("ExposedPorts"))).containsExactly("8080/tcp");
        assertThat(names(config.get("Volumes"))).containsExactly("/data");
        assertThat(env()).containsEntry("WEBHOOKS_DATA_DIR", "/data");
        assertThat(config.get("WorkingDir").asString()).isEqualTo("/data");
        // Jib makes files root-owned: the directory must be writable by the service's user.
        assertThat(files.get("/data").getMode() & 0777).isEqualTo(0777);
    }

    @Test
    void startsTheServerWithAHeapThatFollowsTheContainersMemoryLimit() {
        List<String> entrypoint = new ArrayList<>();
        config.get("Entrypoint").forEach(arg -> entrypoint.add(arg.asString()));
        assertThat(entrypoint.getFirst()).isEqualTo("java");
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
        assertThat(entrypoint).noneMatch(arg -> arg.startsWith("-Xmx") || arg.startsWith("-Xms"));
        assertThat(entrypoint.getLast()).isEqualTo("app.smartcomply.webhooks.WebhooksApplication");
        assertThat(env().get("PATH")).startsWith("/opt/java/openjdk/bin:");
    }

    @Test
    void bringsAnExecutableJavaRuntimeAndTheCLibraryItLoads() {
        assertThat(executable("/opt/java/openjdk/bin/java")).isTrue();
        assertThat(executable("/opt/java/openjdk/lib/jspawnhelper")).isTrue();
        assertThat(executable("/lib64/ld-linux-x86-64.so.2")).isTrue();
        assertThat(files)
                .containsKeys(
                        "/opt/java/openjdk/lib/server/libjvm.so",
                        "/opt/java/openjdk/lib/security/cacerts",
                        "/lib/x86_64-linux-gnu/libc.so.6",
                        "/lib/x86_64-linux-gnu/libm.so.6");
        assertThat(files.get("/tmp").getMode() & 0777).isEqualTo(0777);
    }

    @Test
    void everyJarOnTheClassPathIsInTheImage() {
        String classPath = smallTextFiles.get("/app/jib-classpath-file").strip();
        List<String> entries = List.of(classPath.split(":"));
        assertThat(entries).anyMatch(e -> e.contains("spring-boot-"));
        assertThat(entries)
                .filteredOn(e -> e.endsWith(".jar"))
                .allSatisfy(jar -> assertThat(files).containsKey(jar));
        // The compose healthcheck runs `java -cp /app/classes app.smartcomply.webhooks.ops.HealthProbe`.
        assertThat(entries).contains("/app/classes");
        assertThat(files).containsKey("/app/classes/app/smartcomply/webhooks/ops/HealthProbe.class");
    }

    private static boolean executable(String path) {
        TarArchiveEntry e = files.get(path);
        return e != null && e.isFile() && (e.getMode() & 0111) == 0111;
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        for (JsonNode kv : config.get("Env")) {
            String[] parts = kv.asString().split("=", 2);
            env.put(parts[0], parts[1]);
        }
        return env;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.propertyNames().forEach(names::add);
        return names;
    }
}

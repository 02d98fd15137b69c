package app.smartcomply.webhooks.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/systemd/webhooks.service: hardened (its own dynamic user, a read-only system, no new
 * privileges), keeps its data in its state directory, reads secrets from an environment file, sets
 * only variables the service reads — and systemd itself accepts it ({@code systemd-analyze verify},
 * where installed, must print no warning).
 */
class SystemdUnitTest {

    private static final Path UNIT = DeployFiles.dir().resolve("systemd/webhooks.service");

    @Test
    void runsHardenedAsItsOwnUserWithItsDataInTheStateDirectory() throws IOException {
        Map<String, List<String>> service = section("Service");
        assertThat(service.get("DynamicUser")).containsExactly("yes");
        assertThat(service.get("NoNewPrivileges")).containsExactly("yes");
        assertThat(service.get("ProtectSystem")).containsExactly("strict");
        assertThat(service.get("ProtectHome")).containsExactly("yes");
        assertThat(service.get("PrivateTmp")).containsExactly("yes");
        assertThat(service.get("CapabilityBoundingSet")).containsExactly("");
        String stateDirectory = service.get("StateDirectory").getFirst();
        assertThat(service.get("Environment")).contains("WEBHOOKS_DATA_DIR=%S/" + stateDirectory);
        assertThat(section("Install").get("WantedBy")).containsExactly("multi-user.target");
    }

    @Test
    void readsSecretsFromAnEnvironmentFileWithPlaceholdersOnly() throws IOException {
        assertThat(section("Service").get("EnvironmentFile")).containsExactly("/etc/smartcomply-webhooks/webhooks.env");
        List<String> example = Files.readAllLines(UNIT.resolveSibling("webhooks.env.example"));
        List<String> set =
                example.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(set)
                .extracting(l -> l.split("=")[0])
                .containsExactly("WEBHOOKS_ENCRYPTION_KEY", "WEBHOOKS_ADMIN_KEY");
        assertThat(set).allSatisfy(l -> assertThat(l).contains("REPLACE"));
        assertThat(example).anyMatch(l -> l.startsWith("#WEBHOOKS_DATABASE_URL="));
    }

    @Test
    void setsOnlyEnvironmentVariablesTheServiceReads() throws IOException {
        List<String> names = new ArrayList<>();
        section("Service").get("Environment").forEach(kv -> names.add(kv.split("=")[0]));
        for (String line : Files.readAllLines(UNIT.resolveSibling("webhooks.env.example"))) {
            if (line.matches("#?[A-Z_]+=.*")) {
                names.add(line.replaceFirst("^#", "").split("=")[0]);
            }
        }
        assertThat(names)
                .contains("WEBHOOKS_DATA_DIR", "WEBHOOKS_DATABASE_URL")
                .allSatisfy(name -> assertThat(DeployFiles.isReadByTheService(name))
                        .as(name)
                        .isTrue());
    }

    @Test
    void systemdAcceptsTheUnit(@TempDir Path dir) throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        // verify also checks that ExecStart's program exists: point it at the JVM running this test.
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path copy = dir.resolve("webhooks.service");
        Files.writeString(
                copy, Files.readString(UNIT).replace("ExecStart=/usr/bin/java ", "ExecStart=" + javaBin + " "));
        Process process = new ProcessBuilder(analyze.toString(), "verify", copy.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(output).as("systemd-analyze verify output").isBlank();
        assertThat(process.exitValue()).isZero();
    }

    /** Key → values (in order) of one [Section] of the unit, the way systemd reads repeated keys. */
    private static Map<String, List<String>> section(String name) throws IOException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        String current = null;
        for (String raw : Files.readAllLines(UNIT)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                current = line.substring(1, line.length() - 1);
            } else if (name.equals(current)) {
                String[] kv = line.split("=", 2);
                keys.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
            }
        }
        assertThat(keys).as("[" + name + "]").isNotEmpty();
        return keys;
    }
}

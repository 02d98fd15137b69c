package app.smartcomply.webhooks.receiver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Node and npm for tests that run real JavaScript receivers, and the npm packages of their
 * fixture folders.
 *
 * <p>Without Node a test cannot prove anything about a JavaScript receiver. Under CI
 * ({@code CI=true}) that is a failure, because CI is where the proof must be made (.ci/run
 * installs {@code nodejs} and {@code npm}); on a developer's machine the test is skipped with a
 * loud message instead, so the rest of the suite still runs.
 *
 * <p>Commands run, each in the fixture folder: {@code node --version}, {@code npm --version},
 * and {@code npm ci --no-audit --no-fund} when {@code node_modules} lacks the pinned packages.
 */
final class NodeToolchain {

    private static final Duration VERSION_CHECK_TIMEOUT = Duration.ofSeconds(60);
    /** Only bounds a hang: a cold npm cache on a busy 2-core machine can take a while. */
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NodeToolchain() {}

    /**
     * Makes sure {@code node} and {@code npm} run, and that {@code fixture}'s dependencies are
     * installed at the versions its package.json pins (running {@code npm ci} if not).
     *
     * <p>Fails under CI, and aborts (skips) the calling test elsewhere, if node or npm is missing.
     */
    static void requireInstalled(Path fixture) {
        for (String tool : List.of("node", "npm")) {
            Run version = run(fixture, VERSION_CHECK_TIMEOUT, tool, "--version");
            if (version == null || version.exitCode() != 0) {
                missing(tool, version == null ? "not found on PATH" : version.output());
            }
        }
        if (!dependenciesInstalled(fixture)) {
            Run install = run(fixture, INSTALL_TIMEOUT, "npm", "ci", "--no-audit", "--no-fund");
            if (install == null || install.exitCode() != 0) {
                throw new AssertionError("'npm ci' failed in " + fixture.toAbsolutePath() + ":\n"
                        + (install == null ? "npm not found" : install.output()));
            }
            if (!dependenciesInstalled(fixture)) {
                throw new AssertionError("'npm ci' succeeded but " + fixture.toAbsolutePath()
                        + "/node_modules still lacks the versions package.json pins");
            }
        }
    }

    private static void missing(String tool, String detail) {
        String message = "'" + tool + "' is needed to run the quickstart's Express receiver (" + detail + "). "
                + "Install Node.js 18+ and npm (Debian: apt-get install nodejs npm).";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " CI must run this test, so it fails here instead of skipping.");
        }
        System.err.println();
        System.err.println("!!!!!!!!!! SKIPPING the Express receiver test: " + message);
        System.err.println();
        Assumptions.abort(message);
    }

    /** True if every dependency in package.json is in node_modules at exactly the pinned version. */
    private static boolean dependenciesInstalled(Path fixture) {
        JsonNode dependencies = readJson(fixture.resolve("package.json")).get("dependencies");
        for (String name : dependencies.propertyNames()) {
            Path installed = fixture.resolve("node_modules").resolve(name).resolve("package.json");
            if (!Files.isRegularFile(installed)
                    || !dependencies
                            .get(name)
                            .asString()
                            .equals(readJson(installed).get("version").asString())) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + file.toAbsolutePath(), e);
        }
    }

    record Run(int exitCode, String output) {}

    /** Runs a command to its end; returns null if the executable does not exist. */
    private static Run run(Path directory, Duration timeout, String... command) {
        String shown = "'" + String.join(" ", command) + "'";
        try {
            Path log = Files.createTempFile("node-toolchain-", ".log");
            try {
                Process process;
                try {
                    // Output goes to a file, not a pipe, so a chatty command can never block on a full pipe.
                    process = new ProcessBuilder(command)
                            .directory(directory.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
                } catch (IOException notFound) {
                    return null;
                }
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(shown + " did not finish within " + timeout + ":\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new AssertionError("Could not run " + shown, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package app.smartcomply.webhooks.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The commands that run the build tools of the source checkout rather than the service: {@code
 * test}, {@code bench}, {@code image} and {@code build}. The bash launcher runs the same programs itself when no
 * help is asked for, so that none of them waits for the service jar to be built first; these are
 * what the jar does when run with them, and where their help lives.
 */
final class ToolCommands {

    private ToolCommands() {}

    @Command(
            name = "test",
            description = {
                "Run every test (mvn -B verify on the JDK 21+ the launcher picked).",
                "Other arguments go to Maven, e.g.",
                "  ./webhooks test -pl webhooks-server -am -Dtest=QuickstartFlowTest",
                "The full suite also needs Node/npm, PostgreSQL (WEBHOOKS_TEST_DATABASE_URL)",
                "and Chromium; .ci/run installs and starts them."
            })
    static final class Test implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Parameters(paramLabel = "MAVEN_ARG", arity = "0..*", description = "Passed to Maven after 'verify'.")
        List<String> mavenArgs = new ArrayList<>();

        private final CliContext context;

        Test(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Path root = context.requireRoot("test");
            List<String> command = new ArrayList<>(List.of(maven(root), "-B", "verify"));
            command.addAll(mavenArgs);
            return run(root, command);
        }
    }

    @Command(
            name = "bench",
            description = {
                "Run a benchmark scenario (not part of the tests; see docs/benchmarks.md).",
                "Scenarios: baseline, fanout, steady, hostile, backlog, slow, jmh, profile;",
                "the launcher's './webhooks bench --help' lists each one's options."
            })
    static final class Bench implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Parameters(paramLabel = "SCENARIO_AND_OPTIONS", arity = "0..*", description = "Passed to webhooks-bench/run.")
        List<String> args = new ArrayList<>();

        private final CliContext context;

        Bench(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Path root = context.requireRoot("bench");
            List<String> command =
                    new ArrayList<>(List.of(root.resolve("webhooks-bench/run").toString()));
            command.addAll(args);
            return run(root, command);
        }
    }

    @Command(
            name = "image",
            description = {
                "Build the service's container image as a tar (Jib; no Docker daemon needed).",
                "Runs mvn -B -q -pl webhooks-server -am -DskipTests package, which builds",
                "webhooks-server/target/webhooks-server-image.tar (load it with docker load -i or podman load -i)."
            })
    static final class Image implements Callable<Integer> {
        @Mixin
        HelpOption help;

        private final CliContext context;

        Image(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            Path root = context.requireRoot("image");
            // Jib's buildTar is bound to package, after the runtime it layers is made.
            return run(
                    root, List.of(maven(root), "-B", "-q", "-pl", "webhooks-server", "-am", "-DskipTests", "package"));
        }
    }

    @Command(
            name = "build",
            description = {
                "Build the service jar now, without tests.",
                "serve builds it by itself when the sources changed. The launcher runs this",
                "one itself, as it replaces the jar the command line runs from."
            })
    static final class Build implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Override
        public Integer call() {
            throw new CliFailure(
                    1, "Run it as ./webhooks build: the launcher builds the jar this command line runs from.");
        }
    }

    /** The checkout's Maven wrapper if it has one, else {@code mvn} on the PATH. */
    static String maven(Path root) {
        Path wrapper = root.resolve("mvnw");
        return Files.isExecutable(wrapper) ? wrapper.toString() : "mvn";
    }

    /** Runs {@code command} in {@code root} on this terminal; its exit code is the command's. */
    static int run(Path root, List<String> command) {
        try {
            return new ProcessBuilder(command)
                    .directory(root.toFile())
                    .inheritIO()
                    .start()
                    .waitFor();
        } catch (IOException e) {
            throw new CliFailure(1, "Could not run " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}

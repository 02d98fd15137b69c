package app.smartcomply.webhooks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command tree as a user meets it: help on every command prints help and runs nothing, the
 * commands that run a program run it with the arguments given, unknown commands and options are
 * errors (exit 2) with a suggestion, {@code --version} prints the version.
 *
 * <p>The checkout is a temporary directory whose {@code mvnw} and {@code webhooks-bench/run} are
 * scripts that record that they ran and with what: real processes, so "ran nothing" is a fact
 * about the file system, not about a stand-in.
 */
class WebhooksCliTest {

    @TempDir
    Path root;

    private Path ran;

    private record Result(int code, String out, String err) {}

    @BeforeEach
    void checkoutWithRecordingTools() throws IOException {
        ran = root.resolve("ran.log");
        recordingScript(root.resolve("mvnw"), "mvn");
        Files.createDirectories(root.resolve("webhooks-bench"));
        recordingScript(root.resolve("webhooks-bench/run"), "bench");
    }

    private void recordingScript(Path script, String name) throws IOException {
        Files.writeString(script, "#!/bin/sh\necho \"" + name + " $*\" >> '" + ran + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    private Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ServeCommand.Started started = new ServeCommand.Started();
        CommandLine cli = WebhooksCli.commandLine(new CliContext(env, root), started);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        assertThat(started.running()).as("the service must not have started").isFalse();
        return new Result(code, out.toString(), err.toString());
    }

    private Result run(String... args) {
        return run(Map.of(), args);
    }

    private List<String> ranCommands() throws IOException {
        return Files.exists(ran) ? Files.readAllLines(ran) : List.of();
    }

    /** Every command path of the tree: "serve", "accounts", "accounts create", … */
    private static List<List<String>> commandPaths(CommandLine command, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        for (var sub : command.getSubcommands().entrySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(sub.getKey());
            paths.add(path);
            paths.addAll(commandPaths(sub.getValue(), path));
        }
        return paths;
    }

    @Test
    void helpOnEveryCommandPrintsItsHelpAndRunsNothing() throws IOException {
        List<List<String>> paths = commandPaths(
                WebhooksCli.commandLine(new CliContext(Map.of(), root), new ServeCommand.Started()), List.of());
        assertThat(paths)
                .extracting(path -> String.join(" ", path))
                .contains(
                        "serve",
                        "test",
                        "bench",
                        "image",
                        "accounts",
                        "accounts create",
                        "keys",
                        "keys create",
                        "admin-key",
                        "admin-key reset",
                        "listen",
                        "trigger",
                        "check");
        for (List<String> path : paths) {
            for (String flag : List.of("-h", "--help")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                Result result = run(args.toArray(String[]::new));
                assertThat(result.code()).as(args.toString()).isZero();
                assertThat(result.out()).as(args.toString()).startsWith("Usage: webhooks " + String.join(" ", path));
                assertThat(result.err()).as(args.toString()).isEmpty();
            }
        }
        assertThat(run("--help").out()).startsWith("Usage: webhooks").contains("serve", "admin-key");
        assertThat(run("-h").code()).isZero();
        assertThat(ranCommands()).isEmpty();
    }

    @Test
    void helpAnywhereAfterACommandRunsNothingEither() throws IOException {
        for (String[] args : new String[][] {
            {"bench", "fanout", "--help"},
            {"bench", "fanout", "--events", "10", "-h"},
            {"test", "-Dtest=Foo", "--help"},
            {"serve", "--dev", "--help"},
            {"image", "-h"},
            {"admin-key", "reset", "--data-dir", "/nonexistent", "--help"},
            {"accounts", "create", "--name", "Acme", "--help"}
        }) {
            Result result = run(Map.of("WEBHOOKS_ADMIN_KEY", "sc_admin_x"), args);
            assertThat(result.code()).as(String.join(" ", args)).isZero();
            assertThat(result.out()).as(String.join(" ", args)).startsWith("Usage: webhooks " + args[0]);
        }
        assertThat(ranCommands()).isEmpty();
    }

    @Test
    void benchAndTestRunTheirProgramWithTheArgumentsGiven() throws IOException {
        assertThat(run("bench", "fanout", "--events", "10").code()).isZero();
        assertThat(run("test", "-pl", "webhooks-server", "-Dtest=QuickstartFlowTest")
                        .code())
                .isZero();
        assertThat(ranCommands())
                .containsExactly(
                        "bench fanout --events 10", "mvn -B verify -pl webhooks-server -Dtest=QuickstartFlowTest");
    }

    @Test
    void theHelpListsTheClientCommandsOneLineEachAndTheJarPointsAtTheLauncherForThem() throws IOException {
        List<String> lines = run("--help").out().lines().toList();
        for (String command : List.of("listen", "trigger", "check")) {
            List<String> listed = lines.stream()
                    .filter(line -> line.matches("\\s+" + command + "\\s+\\S.*"))
                    .toList();
            assertThat(listed).as(command).hasSize(1);
            assertThat(listed.getFirst()).as(command).contains("(client CLI");
        }

        Result listen = run("listen", "--forward-to", "http://localhost:3000/hooks", "--events", "notice.created");
        assertThat(listen.code()).isEqualTo(1);
        assertThat(listen.err()).contains("Run it as ./webhooks listen", "webhooks-cli.jar");
        assertThat(run("check", "whe_1").err()).contains("./webhooks check");
        assertThat(run("trigger", "notice.created", "--data", "{}").err()).contains("./webhooks trigger");
        assertThat(ranCommands()).isEmpty();
    }

    @Test
    void anUnknownCommandIsAnErrorWithASuggestion() {
        Result result = run("serv");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("Unmatched argument", "'serv'", "Did you mean", "serve", "--help");

        Result nested = run("admin-key", "rest");
        assertThat(nested.code()).isEqualTo(2);
        assertThat(nested.err()).contains("reset", "See './webhooks admin-key --help'");
    }

    @Test
    void anUnknownOptionIsAnErrorWithASuggestion() {
        Result result = run("accounts", "create", "--nmae", "Acme");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--nmae", "--name", "See './webhooks accounts create --help'");

        Result serve = run("serve", "--port", "9090");
        assertThat(serve.code()).isEqualTo(2);
        assertThat(serve.err()).contains("'--port'", "--name=value");

        assertThat(run("--verison").code()).isEqualTo(2);
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        Result result = run("keys", "create");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--account");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        Result result = run("--version");
        assertThat(result.code()).isZero();
        assertThat(result.out().strip()).matches("SmartComply Webhooks \\d+\\.\\d+\\.\\d+\\S*");
    }

    @Test
    void serviceCommandsWithoutAnAdminKeySayHowToGiveOne() {
        Result result = run("accounts", "create", "--name", "Acme");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("--admin-key", "WEBHOOKS_ADMIN_KEY");
    }

    @Test
    void theJarStartsTheServiceDirectlyOnlyWithNoArgumentsOrSpringProperties() {
        assertThat(WebhooksCli.startsServiceDirectly(new String[0])).isTrue();
        assertThat(WebhooksCli.startsServiceDirectly(new String[] {"--server.port=9090", "--webhooks.dev-mode=true"}))
                .isTrue();
        assertThat(WebhooksCli.startsServiceDirectly(new String[] {"--help"})).isFalse();
        assertThat(WebhooksCli.startsServiceDirectly(new String[] {"serve"})).isFalse();
    }
}

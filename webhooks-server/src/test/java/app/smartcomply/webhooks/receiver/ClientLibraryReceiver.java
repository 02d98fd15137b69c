package app.smartcomply.webhooks.receiver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A receiver built on one of our client libraries, run as a separate process: the Node example
 * {@code clients/node/examples/receiver.mjs} or the Python example
 * {@code clients/python/examples/stdlib_receiver.py}, each verifying with its library.
 *
 * <p>Started with {@code SMARTCOMPLY_WEBHOOK_SECRET} (comma-separated secrets) and {@code PORT=0}
 * on 127.0.0.1; it prints {@code <name> listening on 127.0.0.1:<port>}, then one line per request:
 * {@code verified <type> <id>} or {@code rejected <status> <reason>}. Those lines are collected.
 */
final class ClientLibraryReceiver implements AutoCloseable {

    /** The two example receivers and the interpreter each needs. */
    enum Kind {
        NODE("node", "node/examples/receiver.mjs"),
        PYTHON("python3", "python/examples/stdlib_receiver.py");

        final String interpreter;
        final String script;

        Kind(String interpreter, String script) {
            this.interpreter = interpreter;
            this.script = script;
        }
    }

    static final Path CLIENTS = locateClients();

    private static final Pattern LISTENING = Pattern.compile("\\S+-receiver listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Kind kind;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final int port;

    private ClientLibraryReceiver(Kind kind, List<String> secrets) {
        this.kind = kind;
        ProcessBuilder builder = new ProcessBuilder(kind.interpreter, kind.script)
                .directory(CLIENTS.toFile())
                .redirectErrorStream(true);
        builder.environment().put("SMARTCOMPLY_WEBHOOK_SECRET", String.join(",", secrets));
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("PORT", "0");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start '" + kind.interpreter + " " + kind.script + "'", e);
        }
        Thread.ofPlatform()
                .daemon()
                .name(kind + "-receiver-output-" + process.pid())
                .start(this::collectOutput);
        port = awaitPort();
    }

    /** Starts the receiver holding these secrets; returns once it listens. */
    static ClientLibraryReceiver start(Kind kind, List<String> secrets) {
        return new ClientLibraryReceiver(kind, secrets);
    }

    /**
     * Makes sure the interpreter runs. Without it nothing can be proved about the library: under CI
     * ({@code CI=true}) that fails the test; elsewhere the test is skipped with a loud message.
     */
    static void requireInterpreter(Kind kind) {
        String detail;
        try {
            Process version = new ProcessBuilder(kind.interpreter, "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (version.waitFor(60, TimeUnit.SECONDS) && version.exitValue() == 0) {
                return;
            }
            version.destroyForcibly();
            detail = "'" + kind.interpreter + " --version' failed";
        } catch (IOException e) {
            detail = "'" + kind.interpreter + "' not found on PATH";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        String message = detail + ": the " + kind + " client library's receiver cannot run.";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " CI must run this test, so it fails here instead of skipping.");
        }
        System.err.println("!!!!!!!!!! SKIPPING: " + message);
        Assumptions.abort(message);
    }

    /** The receiver's route. */
    String url() {
        return "http://127.0.0.1:" + port + "/webhooks/smartcomply";
    }

    /** Every line the receiver printed so far. */
    List<String> output() {
        return new ArrayList<>(output);
    }

    /**
     * Waits (real time: the receiver runs on its own) until it has printed {@code line}.
     *
     * @throws AssertionError with everything it printed if it does not within {@code timeout}
     */
    void awaitLine(String line, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output.contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The " + kind + " receiver did not print \"" + line + "\" within " + timeout
                        + (process.isAlive() ? "" : " (it exited)") + "; it printed:\n" + String.join("\n", output));
            }
            pause();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private int awaitPort() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            for (String line : output) {
                Matcher listening = LISTENING.matcher(line);
                if (listening.matches()) {
                    return Integer.parseInt(listening.group(1));
                }
            }
            pause();
        }
        close();
        throw new AssertionError("The " + kind + " receiver did not start listening within " + START_TIMEOUT
                + "; it printed:\n" + String.join("\n", output));
    }

    private void collectOutput() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                System.out.println("[" + kind + "-receiver " + process.pid() + "] " + line);
            }
        } catch (IOException e) {
            // The process ended and its pipe closed: nothing more to read.
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Surefire runs in the module folder; an IDE may run in the repository root. */
    private static Path locateClients() {
        for (Path candidate : List.of(Path.of("../clients"), Path.of("clients"))) {
            if (Files.isRegularFile(candidate.resolve("node/examples/receiver.mjs"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException(
                "Cannot find clients/ from " + Path.of("").toAbsolutePath());
    }
}

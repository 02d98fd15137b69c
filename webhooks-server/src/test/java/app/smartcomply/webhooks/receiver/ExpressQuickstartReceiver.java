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

/**
 * The quickstart's Express receiver, running under Node as a separate process: {@code node
 * launch.mjs} in the fixture folder, with {@code SMARTCOMPLY_WEBHOOK_SECRET} set. The receiver's
 * code ({@code server.mjs}) is the quickstart's, unchanged; {@code launch.mjs} only makes it
 * listen on 127.0.0.1 and a free port instead of PORT (3000 by default; see its header).
 *
 * <p>What the receiver decided shows in the HTTP status it returned and in its stdout, which is
 * collected line by line ({@code Received <type> (id: <id>)}, {@code Test event received
 * successfully}).
 */
final class ExpressQuickstartReceiver implements AutoCloseable {

    /** The fixture folder: package.json, package-lock.json, server.mjs, launch.mjs. */
    static final Path FIXTURE = locateFixture();

    private static final Pattern LISTENING = Pattern.compile("express-receiver listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final int port;

    private ExpressQuickstartReceiver(String signingSecret) {
        ProcessBuilder builder = new ProcessBuilder("node", "launch.mjs")
                .directory(FIXTURE.toFile())
                .redirectErrorStream(true);
        builder.environment().put("SMARTCOMPLY_WEBHOOK_SECRET", signingSecret);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start 'node launch.mjs' in " + FIXTURE.toAbsolutePath(), e);
        }
        Thread.ofPlatform()
                .daemon()
                .name("express-receiver-output-" + process.pid())
                .start(this::collectOutput);
        port = awaitPort();
    }

    /** Starts the receiver with this secret in its environment; returns once it listens. */
    static ExpressQuickstartReceiver start(String signingSecret) {
        return new ExpressQuickstartReceiver(signingSecret);
    }

    /** The quickstart's route on this receiver. */
    String url() {
        return "http://127.0.0.1:" + port + "/webhooks/smartcomply";
    }

    /** Every line the receiver printed so far (stdout and stderr). */
    List<String> output() {
        return new ArrayList<>(output);
    }

    /**
     * Waits (real time: Node runs on its own) until the receiver has printed {@code line}.
     *
     * @throws AssertionError with everything it printed if it does not within {@code timeout}
     */
    void awaitLine(String line, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output.contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The Express receiver did not print \"" + line + "\" within " + timeout
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
        throw new AssertionError("The Express receiver did not start listening within " + START_TIMEOUT
                + "; it printed:\n" + String.join("\n", output));
    }

    private void collectOutput() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                System.out.println("[express-receiver " + process.pid() + "] " + line);
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
    private static Path locateFixture() {
        for (Path candidate : List.of(
                Path.of("src/test/node/express-receiver"), Path.of("webhooks-server/src/test/node/express-receiver"))) {
            if (Files.isRegularFile(candidate.resolve("server.mjs"))) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException(
                "Cannot find src/test/node/express-receiver from " + Path.of("").toAbsolutePath());
    }
}

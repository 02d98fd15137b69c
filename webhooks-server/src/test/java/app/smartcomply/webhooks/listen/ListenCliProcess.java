package app.smartcomply.webhooks.listen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code webhooks listen} (the webhooks-cli module's entry point) running as a child JVM, as a
 * customer runs it: its output is collected line by line; {@link #close} kills it like Ctrl-C.
 */
public final class ListenCliProcess implements AutoCloseable {

    private static final Pattern SECRET = Pattern.compile(".*Signing secret, shown once: (whsec_\\S+)$");
    private static final Pattern SESSION = Pattern.compile("^Session (whe_[0-9a-f]{32}) .*");
    /** One forward: time, type, event id, status (or ---), latency. */
    private static final Pattern FORWARD =
            Pattern.compile("^\\S+Z\\s+(\\S+)\\s+(evt_[0-9a-f]{32})\\s+(\\S+)\\s+(\\d+) ms.*");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private ListenCliProcess(List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "app.smartcomply.webhooks.client.WebhooksClient",
                "listen"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Proxy variables of the machine running the tests must not route 127.0.0.1 elsewhere.
        builder.environment()
                .keySet()
                .removeIf(name -> name.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofPlatform().daemon().name("listen-cli-" + process.pid()).start(this::collect);
    }

    /** Starts {@code listen} with these arguments (service, key, forward target, state file…). */
    public static ListenCliProcess start(String... args) {
        return new ListenCliProcess(List.of(args));
    }

    /** Every line it printed so far. */
    public List<String> output() {
        return new ArrayList<>(output);
    }

    /** Waits (real time) for a line matching {@code wanted}; fails with the output if none comes. */
    public String awaitLine(Predicate<String> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : output) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("webhooks listen printed no such line within " + timeout
                        + (process.isAlive() ? "" : " (it exited)") + "; it printed:\n" + String.join("\n", output));
            }
            pause();
        }
    }

    /** The session's secret, once printed. */
    public String awaitSecret(Duration timeout) {
        Matcher m = SECRET.matcher(awaitLine(line -> SECRET.matcher(line).matches(), timeout));
        return m.matches() ? m.group(1) : null;
    }

    /** The session's id, once printed. */
    public String awaitSession(Duration timeout) {
        Matcher m = SESSION.matcher(awaitLine(line -> SESSION.matcher(line).matches(), timeout));
        return m.matches() ? m.group(1) : null;
    }

    /** One printed forward line, parsed. */
    public record Forward(String type, String eventId, String status) {}

    /** The forwards printed so far, in order. */
    public List<Forward> forwards() {
        List<Forward> forwards = new ArrayList<>();
        for (String line : output) {
            Matcher m = FORWARD.matcher(line);
            if (m.matches()) {
                forwards.add(new Forward(m.group(1), m.group(2), m.group(3)));
            }
        }
        return forwards;
    }

    /** Waits until the forward of this event was printed, and returns it. */
    public Forward awaitForward(String eventId, Duration timeout) {
        awaitLine(line -> FORWARD.matcher(line).matches() && line.contains(eventId), timeout);
        return forwards().stream()
                .filter(f -> f.eventId().equals(eventId))
                .findFirst()
                .orElseThrow();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void collect() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                System.out.println("[webhooks listen " + process.pid() + "] " + line);
            }
        } catch (IOException e) {
            // the process ended
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
}

package app.smartcomply.webhooks.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (the jar failsafe names in {@code webhooks.jar}) running as a separate JVM
 * process — a real node: its own heap, its own connection pool, killed for real. Started with the
 * test's own {@code java}, listening on 127.0.0.1 only, output written to a log file under {@code
 * target/}.
 */
public final class ServiceNodeProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceNodeProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a node; returns at once (see {@link #awaitReady}).
     *
     * @param environment WEBHOOKS_* variables; SERVER_PORT is chosen here
     * @param arguments extra {@code --property=value} arguments
     */
    public static ServiceNodeProcess start(String name, Map<String, String> environment, List<String> arguments) {
        String jar = System.getProperty("webhooks.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(
                    "webhooks.jar is not set or missing (" + jar + "): run this as a failsafe IT");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xms64m",
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                jar,
                "--server.address=127.0.0.1"));
        command.addAll(arguments);
        try {
            Path logs = Files.createDirectories(Path.of("target", "node-logs"));
            Path log = logs.resolve(name + "-" + System.currentTimeMillis() + ".log");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(key -> key.startsWith("WEBHOOKS_") || key.equals("SERVER_PORT"));
            env.put(
                    "WEBHOOKS_DATA_DIR",
                    Files.createTempDirectory("webhooks-" + name + "-").toString());
            env.putAll(environment);
            env.put("SERVER_PORT", Integer.toString(port));
            return new ServiceNodeProcess(name, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until readiness says UP (database reachable, started); fails if the process dies. */
    public ServiceNodeProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readiness() != 200) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        name + " exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " not ready within " + timeout + "; see " + log);
            }
            sleep(200);
        }
        return this;
    }

    /** HTTP status of {@code /actuator/health/readiness}, or -1 if nothing answers. */
    public int readiness() {
        return status("/actuator/health/readiness");
    }

    /** HTTP status of {@code /actuator/health/liveness}, or -1 if nothing answers. */
    public int liveness() {
        return status("/actuator/health/liveness");
    }

    private int status(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public ApiClient api() {
        return new ApiClient(baseUrl());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: the node dies mid-whatever, as in a crash or an OOM kill. */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
    }

    /**
     * SIGTERM: the node shuts down gracefully.
     *
     * @return how long it took to exit
     * @throws AssertionError if it has not exited within {@code bound}
     */
    public Duration terminate(Duration bound) {
        long started = System.nanoTime();
        process.destroy();
        waitForExit(bound);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void waitForExit(Duration bound) {
        try {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not exit within " + bound + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Lines of the node's output containing {@code text}. */
    public List<String> logLines(String text) {
        try {
            return Files.readAllLines(log).stream()
                    .filter(line -> line.contains(text))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The environment every node of one cluster shares: database, keys, dev mode. */
    public static Map<String, String> clusterEnvironment(String databaseUrl, String adminKey, String encryptionKey) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("WEBHOOKS_DATABASE_URL", databaseUrl);
        env.put("WEBHOOKS_ADMIN_KEY", adminKey);
        env.put("WEBHOOKS_ENCRYPTION_KEY", encryptionKey);
        env.put("WEBHOOKS_DEV_MODE", "true"); // the receiver is on loopback
        return env;
    }
}

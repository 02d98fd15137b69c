package app.smartcomply.webhooks.bench.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real service, started from its packaged jar as a separate process, the way {@code ./webhooks
 * serve --dev} starts it (same JVM flags), on a free loopback port with its own data directory and a
 * known admin key. Dev mode, so {@code http://127.0.0.1} endpoints are allowed.
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * How to start it.
     *
     * @param databaseUrl PostgreSQL URL, or null for SQLite under {@code dataDir}
     * @param javaOptions extra JVM options (e.g. a flight recording)
     * @param appArgs extra Spring Boot arguments ({@code --webhooks.delivery.enabled=false})
     */
    public record Config(
            Path jar, Path dataDir, Path log, String databaseUrl, List<String> javaOptions, List<String> appArgs) {}

    private final Process process;
    private final int port;
    private final String adminKey;
    private final Path log;

    private ServiceProcess(Process process, int port, String adminKey, Path log) {
        this.process = process;
        this.port = port;
        this.adminKey = adminKey;
        this.log = log;
    }

    /** Starts the service and waits until its health endpoint says UP. */
    public static ServiceProcess start(Config config, String adminKey, Duration startupTimeout) {
        ServiceProcess service = launch(config, adminKey);
        service.awaitHealthy(startupTimeout);
        return service;
    }

    /** Starts the service process without waiting for it. */
    public static ServiceProcess launch(Config config, String adminKey) {
        if (!Files.isRegularFile(config.jar())) {
            throw new IllegalStateException("No service jar at " + config.jar() + "; run ./webhooks build");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The launcher's flags, so the figures are those of ./webhooks serve.
        command.add("--enable-native-access=ALL-UNNAMED");
        // The launcher's defaults (./webhooks serve): a bounded heap, G1 with a fixed marking threshold.
        command.add("-Xmx256m");
        command.add("-XX:+UseG1GC");
        command.add("-XX:-G1UseAdaptiveIHOP");
        command.addAll(config.javaOptions());
        command.add("-jar");
        command.add(config.jar().toString());
        command.addAll(config.appArgs());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        try {
            Files.createDirectories(config.dataDir());
            Files.createDirectories(config.log().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(config.log().toFile()));
        Map<String, String> env = builder.environment();
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("WEBHOOKS_DATA_DIR", config.dataDir().toString());
        env.put("WEBHOOKS_DEV_MODE", "true");
        env.put("WEBHOOKS_ADMIN_KEY", adminKey);
        if (config.databaseUrl() != null) {
            env.put("WEBHOOKS_DATABASE_URL", config.databaseUrl());
        } else {
            env.remove("WEBHOOKS_DATABASE_URL");
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceProcess(process, port, adminKey, config.log());
    }

    /** Waits until the health endpoint says UP; stops the process and throws if it never does. */
    public void awaitHealthy(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited during start-up (code " + process.exitValue()
                        + "); see " + log + ":\n" + tail());
            }
            try {
                HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException(
                "The service was not healthy within " + timeout + "; see " + log + ":\n" + tail());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String adminKey() {
        return adminKey;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** The last lines of the service's output. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Graceful stop (SIGTERM: drains attempts in flight, writes a flight recording if one runs). */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package app.smartcomply.webhooks.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code webhooks-server.jar}) running as a separate OS process, the way an
 * operator runs it — so a test can SIGKILL or SIGTERM it and start it again on the same data.
 *
 * <p>Needs the system property {@code webhooks.jar} (set by failsafe to the packaged jar), so it
 * is for {@code *IT} tests. The child runs on the same java as the test, in dev mode, on a free
 * loopback port; its output goes to a log file next to the data directory.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar on {@code dataDir} (SQLite) and waits until its health check answers UP.
     *
     * @param name distinguishes the log file of each start, e.g. "first", "after-kill"
     */
    public static ServiceProcess start(Path dataDir, String adminKey, String name) {
        String jar = System.getProperty("webhooks.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("System property webhooks.jar must name the packaged jar; got " + jar);
        }
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        int port = freePort();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + name + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-jar", jar));
        Map<String, String> env = builder.environment();
        // Only what this test says: nothing from the developer's or CI's own configuration.
        env.keySet().removeIf(k -> k.startsWith("WEBHOOKS_") || k.startsWith("SPRING_") || k.equals("SERVER_PORT"));
        env.put("WEBHOOKS_DATA_DIR", dataDir.toString());
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("WEBHOOKS_DEV_MODE", "true");
        env.put("WEBHOOKS_ADMIN_KEY", adminKey);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServiceProcess service = new ServiceProcess(process, port, log);
        service.awaitHealthy();
        return service;
    }

    public ApiClient api() {
        return ApiClient.onPort(port);
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or given back. Waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /**
     * SIGTERM: the service shuts down gracefully. @return how long it took to exit
     *
     * @throws AssertionError if it has not exited within {@code max}
     */
    public Duration terminate(Duration max) {
        long start = System.nanoTime();
        process.destroy();
        awaitExit(max);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Writes a dump of every thread (virtual ones included) next to the log, for diagnosing a
     * service that stopped making progress. @return the file, or null if {@code jcmd} failed
     */
    public Path threadDump() {
        Path dump = log.resolveSibling(log.getFileName() + ".threads.txt");
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process run = new ProcessBuilder(
                            jcmd.toString(),
                            Long.toString(process.pid()),
                            "Thread.dump_to_file",
                            "-overwrite",
                            dump.toString())
                    .redirectErrorStream(true)
                    .start();
            return run.waitFor(30, TimeUnit.SECONDS) && run.exitValue() == 0 ? dump : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The last lines the service printed, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The whole log of this start. */
    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitExit(Duration max) {
        try {
            if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(
                        "The service (pid " + process.pid() + ") did not exit within " + max + "\n" + logTail(40));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void awaitHealthy() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        ApiClient api = api();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError(
                        "The service exited during start-up (code " + process.exitValue() + ")\n" + logTail(60));
            }
            try {
                ApiClient.Answer health = api.get("/actuator/health", null);
                if (health.status() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (RuntimeException notYetListening) {
                // keep waiting
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new AssertionError("The service did not become healthy within " + STARTUP + "\n" + logTail(60));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

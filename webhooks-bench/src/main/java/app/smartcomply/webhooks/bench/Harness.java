package app.smartcomply.webhooks.bench;

import app.smartcomply.webhooks.bench.load.Baseline;
import app.smartcomply.webhooks.bench.report.JfrSummary;
import app.smartcomply.webhooks.bench.report.Report;
import app.smartcomply.webhooks.bench.service.PostgresDatabase;
import app.smartcomply.webhooks.bench.service.ServiceProcess;
import app.smartcomply.webhooks.bench.sink.Sink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongSupplier;

/** What every scenario does the same way: the run directory, starting the service, waiting, profiling. */
final class Harness {

    final Options options;
    final String scenario;
    final Path runDir;
    private final String adminKey;
    private final java.util.Set<Path> recordings = new java.util.LinkedHashSet<>();
    private final java.util.Map<Path, java.time.Instant> profileFrom = new java.util.HashMap<>();

    Harness(Options options, String scenario) {
        this.options = options;
        this.scenario = scenario;
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path runs = options.root().resolve("webhooks-bench/target/runs");
        this.runDir = runs.resolve(scenario + "-" + options.store() + "-" + stamp);
        deleteServiceDataOfEarlierRuns(runs);
        byte[] random = new byte[16];
        new java.security.SecureRandom().nextBytes(random);
        this.adminKey = "bench_admin_" + HexFormat.of().formatHex(random);
        System.out.println("Run directory (service data, logs, recordings): " + runDir);
    }

    /**
     * Deletes the services' data directories of earlier runs, and keeps their logs and recordings.
     * A fan-out run on SQLite leaves about 1 GB of database behind, and a day of runs filled this
     * machine's disk; the data of the latest run stays until the next one, for a look at it.
     */
    private static void deleteServiceDataOfEarlierRuns(Path runs) {
        if (!Files.isDirectory(runs)) {
            return;
        }
        int deleted = 0;
        try (DirectoryStream<Path> earlierRuns = Files.newDirectoryStream(runs, Files::isDirectory)) {
            for (Path run : earlierRuns) {
                try (DirectoryStream<Path> inRun = Files.newDirectoryStream(run, "*-data")) {
                    for (Path dataDir : inRun) {
                        deleteTree(dataDir);
                        deleted++;
                    }
                }
            }
        } catch (IOException e) {
            System.out.println("Could not delete the service data of earlier runs: " + e.getMessage());
        }
        if (deleted > 0) {
            System.out.println("Deleted the service data of " + deleted + " earlier run(s); their logs stay.");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var tree = Files.walk(root)) {
            for (Path path : tree.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A fresh service (fresh data directory; a wiped PostgreSQL schema), waited for until healthy. */
    ServiceProcess startService(String label, List<String> extraArgs) {
        ServiceProcess service = launchService(label, extraArgs, true);
        service.awaitHealthy(Duration.ofMinutes(3));
        // Profiles leave out start-up: what matters is the service under load.
        profileFrom.put(runDir.resolve(label + ".jfr"), java.time.Instant.now());
        return service;
    }

    /**
     * Starts the service process without waiting for it to be healthy.
     *
     * @param fresh wipe the PostgreSQL schema first (SQLite data directories are per label anyway)
     */
    ServiceProcess launchService(String label, List<String> extraArgs, boolean fresh) {
        String databaseUrl = options.databaseUrl();
        if (databaseUrl != null && fresh) {
            new PostgresDatabase(databaseUrl).reset();
        }
        List<String> javaOptions = new ArrayList<>(options.serviceJavaOptions());
        if (options.flag("jfr")) {
            Path recording = runDir.resolve(label + ".jfr");
            recordings.add(recording);
            javaOptions.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true");
        }
        List<String> args = new ArrayList<>(options.serviceArgs());
        args.addAll(extraArgs);
        ServiceProcess.Config config = new ServiceProcess.Config(
                options.jar(), dataDir(label), runDir.resolve(label + ".log"), databaseUrl, javaOptions, args);
        System.out.println("Starting the service (" + label + ", " + options.store() + ")...");
        return ServiceProcess.launch(config, adminKey);
    }

    Path dataDir(String label) {
        return runDir.resolve(label + "-data");
    }

    /** Runs the ceiling measurement unless {@code --no-baseline}; returns null when skipped. */
    Baseline.Result baseline(Report report, int endpoints) {
        if (options.flag("no-baseline")) {
            return null;
        }
        int concurrency = options.integer("baseline-concurrency", Math.min(endpoints * 32, 32));
        Duration duration = options.seconds("baseline-seconds", 5);
        System.out.println("Baseline: raw POSTs to the sink for " + duration.toSeconds() + " s...");
        Baseline.Result result =
                Baseline.run(options.string("sink", "raw"), endpoints, concurrency, duration, samplePayload());
        report.heading("baseline (client stack straight to the sink, no service)");
        report.metric("baseline POST/s", "baseline.posts_per_second", result.postsPerSecond(), "/s");
        report.row(
                "baseline setup",
                "baseline.setup",
                result,
                result.sink() + " sink, " + result.endpoints() + " endpoints, " + result.concurrency() + " threads, "
                        + Report.format(result.seconds()) + " s, errors " + result.errors());
        report.latency("baseline POST latency", "baseline.latency_ms", result.latency());
        return result;
    }

    /** A webhook body of the size the service sends for the benchmark's events. */
    static byte[] samplePayload() {
        return ("{\"id\":\"evt_0000000000000000000000000000000\",\"type\":\"test.submitted\","
                        + "\"created_at\":\"2026-05-05T14:00:00.000Z\",\"data\":"
                        + "{\"test_id\":\"tst_00000000000000000000000000000000\",\"test_name\":\"ISO 27001 readiness\","
                        + "\"test_type\":\"readiness_assessment\",\"framework\":\"ISO 27001\",\"score\":82.5,\"pass_mark\":75,"
                        + "\"result\":\"passed\",\"questions_total\":93,\"questions_answered\":93,\"submitted_by\":"
                        + "{\"user_id\":\"usr_c625c79e5e6ef86902070f9443224346\",\"name\":\"Adaeze Okafor\","
                        + "\"email\":\"adaeze.okafor@example.com\"},\"submitted_at\":\"2026-05-05T13:58:41.512Z\","
                        + "\"dashboard_url\":\"https://app.smartcomply.app/tests/x/results\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Waits until {@code received} reaches {@code expected}, the deadline passes, or nothing arrives for
     * {@code stall}. @return true if everything arrived
     */
    static boolean await(LongSupplier received, long expected, Duration maxWait, Duration stall, String what) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long lastCount = -1;
        long lastProgress = System.nanoTime();
        long lastPrint = 0;
        while (true) {
            long now = System.nanoTime();
            long count = received.getAsLong();
            if (count >= expected) {
                return true;
            }
            if (count != lastCount) {
                lastCount = count;
                lastProgress = now;
            }
            if (now > deadline) {
                System.out.println("  gave up waiting for " + what + " after " + maxWait.toSeconds() + " s: " + count
                        + "/" + expected);
                return false;
            }
            if (now - lastProgress > stall.toNanos()) {
                System.out.println("  no progress for " + stall.toSeconds() + " s, stopped waiting for " + what + ": "
                        + count + "/" + expected);
                return false;
            }
            if (now - lastPrint > 5_000_000_000L) {
                System.out.println("  " + what + ": " + count + "/" + expected);
                lastPrint = now;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Summarizes the flight recordings of this run (after their services stopped) into the results directory. */
    void summarizeRecordings(String resultName) {
        for (Path recording : recordings) {
            if (!Files.exists(recording)) {
                System.out.println("No recording at " + recording);
                continue;
            }
            String summary = JfrSummary.summarize(recording, 25, profileFrom.get(recording));
            System.out.println(summary);
            Path out = options.results()
                    .resolve(resultName + "-"
                            + recording.getFileName().toString().replace(".jfr", "") + "-profile.txt");
            try {
                Files.createDirectories(out.getParent());
                Files.writeString(out, summary);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println("Profile summary: " + out + " (recording: " + recording + ")");
        }
    }

    static void closeQuietly(Sink sink) {
        if (sink != null) {
            sink.close();
        }
    }
}

package app.smartcomply.webhooks.bench;

import app.smartcomply.webhooks.bench.load.ServiceApi;
import app.smartcomply.webhooks.bench.report.Percentiles;
import app.smartcomply.webhooks.bench.report.Report;
import app.smartcomply.webhooks.bench.service.PurgeCounters;
import app.smartcomply.webhooks.bench.service.ServiceProcess;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code steady --purge-backlog N}: the steady load while the retention purge deletes a large
 * backlog, against the same load on the same data with the purge finding nothing to delete.
 *
 * <p>N finished events (each with a succeeded delivery and its attempt, a 1–4 KiB response body)
 * made two hours and more ago are written into a stopped service's SQLite file ({@link
 * PurgeBacklogSeeder}); the file is copied, and two services run the steady phase one after the
 * other, each on its own copy:
 *
 * <ul>
 *   <li>{@code held}: retention 30 days, so the backlog is within it and every purge round finds
 *       nothing (the baseline);
 *   <li>{@code purging}: retention 1 hour, so the rounds delete the backlog.
 * </ul>
 *
 * <p>Both runs carry the same file, so what differs is the purge alone, not the size of the tables
 * and indexes the delivery path works in. Both purge every {@code --purge-interval} seconds
 * (default: the warm-up's length plus 5 s, so that the first round begins about when the measured
 * phase does) and both read {@code /actuator/prometheus} every second. SQLite only: on PostgreSQL every start wipes the
 * schema, and the seed is written as a file.
 */
final class SteadyPurgeScenario {

    private static final String SHORT_RETENTION = "1h";
    private static final String LONG_RETENTION = "30d";
    private static final long WINDOW_SECONDS = 10;

    private SteadyPurgeScenario() {}

    static void run(Options options) {
        if (!options.store().equals("sqlite")) {
            throw new IllegalArgumentException("--purge-backlog runs on SQLite only");
        }
        long events = options.number("purge-backlog", 300_000);
        long warmupSeconds = options.seconds("warmup-seconds", 20).toSeconds();
        long intervalSeconds = options.number("purge-interval", warmupSeconds + 5);
        // A fixed warm-up: the first round is timed from start, to begin with the measured phase.
        options.defaultTo("warmup-max-seconds", Long.toString(warmupSeconds));
        Harness harness = new Harness(options, "steady-purge");
        Report report = new Report("steady-purge", options.store());
        report.put("params", options.asMap());
        SteadyScenario.describeLoad(report, options);
        harness.baseline(report, options.integer("endpoints", 1));

        PurgeBacklogSeeder.Seeded seeded = seed(harness, report, events);
        Path seedDir = harness.dataDir("seed");
        SqliteDataDirs.copyTree(seedDir, harness.dataDir("held"));
        SqliteDataDirs.copyTree(seedDir, harness.dataDir("purging"));
        SqliteDataDirs.deleteTree(seedDir);

        String interval = "--webhooks.retention.purge-interval=" + intervalSeconds + "s";
        Outcome held = phase(
                harness,
                options,
                report,
                "held",
                seeded,
                List.of("--webhooks.retention.period=" + LONG_RETENTION, interval),
                "purge held: retention " + LONG_RETENTION + ", the backlog is within it");
        Outcome purging = phase(
                harness,
                options,
                report,
                "purging",
                seeded,
                List.of("--webhooks.retention.period=" + SHORT_RETENTION, interval),
                "purging: retention " + SHORT_RETENTION + ", the backlog is past it");

        report.heading("purging ÷ held (same run, same file)");
        Percentiles with = purging.phase().stats().latency();
        Percentiles without = held.phase().stats().latency();
        report.row(
                "p50 / p95 / p99 ratio",
                "ratio.latency",
                new double[] {with.p50() / without.p50(), with.p95() / without.p95(), with.p99() / without.p99()},
                Report.format(with.p50() / without.p50()) + " / " + Report.format(with.p95() / without.p95()) + " / "
                        + Report.format(with.p99() / without.p99()));
        Path json = report.finish(options.results());
        harness.summarizeRecordings(json.getFileName().toString().replace(".json", ""));
    }

    private record Outcome(SteadyScenario.Phase phase, Probe probe) {}

    /** Makes the account and endpoint through the API, then writes the backlog into the stopped service's file. */
    private static PurgeBacklogSeeder.Seeded seed(Harness harness, Report report, long events) {
        String historyUrl = "http://127.0.0.1:9/history";
        ServiceApi.Account account;
        String endpointId;
        try (ServiceProcess setup = harness.startService("seed", List.of("--webhooks.delivery.enabled=false"));
                ServiceApi api = new ServiceApi(setup.baseUrl(), setup.adminKey(), 4)) {
            account = api.createAccount("bench purge history");
            endpointId = api.createEndpoint(account, historyUrl);
        }
        Path file = harness.dataDir("seed").resolve("webhooks.db");
        System.out.println(
                "Seeding " + events + " finished events (delivery and attempt each), made 2 h ago, into " + file);
        long start = System.nanoTime();
        long createdAt = System.currentTimeMillis() - Duration.ofHours(2).toMillis() - events;
        PurgeBacklogSeeder.Seeded seeded;
        try {
            seeded = PurgeBacklogSeeder.seed(file, account.id(), endpointId, historyUrl, events, createdAt);
        } catch (SQLException e) {
            throw new IllegalStateException("Seeding failed: " + e.getMessage(), e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.heading("backlog (seeded once, copied for each run)");
        report.row(
                "seeded",
                "seed.rows",
                seeded.rows(),
                seeded.events() + " events + " + seeded.deliveries() + " deliveries + " + seeded.attempts()
                        + " attempts (1–4 KiB response bodies) in " + Report.format(seconds) + " s");
        report.metric(
                "SQLite file after seeding",
                "seed.file_mib",
                mib(SqliteDataDirs.databaseBytes(harness.dataDir("seed"))),
                "MiB");
        return seeded;
    }

    private static Outcome phase(
            Harness harness,
            Options options,
            Report report,
            String label,
            PurgeBacklogSeeder.Seeded seeded,
            List<String> serviceArgs,
            String heading) {
        Path dataDir = harness.dataDir(label);
        Probe probe = new Probe(dataDir);
        report.heading(heading);
        SteadyScenario.Phase phase = SteadyScenario.measure(harness, options, report, label, serviceArgs, probe);
        long bytesStopped = SqliteDataDirs.databaseBytes(dataDir);
        var stats = phase.stats();
        report.row(
                "deliveries received",
                label + ".deliveries.received",
                stats.deliveries(),
                stats.deliveries() + " of " + phase.expected()
                        + (phase.complete() ? "" : " (INCOMPLETE: stopped waiting)") + ", duplicates "
                        + stats.duplicates());
        report.latency("publish→receipt latency", label + ".deliveries.latency_ms", stats.latency());
        report.metric("deliveries/s", label + ".deliveries.per_second", stats.deliveriesPerSecond(), "/s");
        report.metric(
                "service CPU",
                label + ".service.cpu_cores_mean",
                phase.sampler().serviceCpuCores(),
                "cores mean");
        report.row(
                "machine load (1 min)",
                label + ".machine_load",
                phase.sampler().maxLoad(),
                "before " + Report.format(phase.loadBefore()) + ", max during "
                        + Report.format(phase.sampler().maxLoad()) + " (2 cores)");
        long during = probe.rowsAtEnd - probe.rowsAtStart;
        report.row(
                "purged before the phase",
                label + ".purge.rows_before_phase",
                probe.rowsAtStart,
                probe.rowsAtStart + " rows (during warm-up)");
        report.metric(
                "purged during the phase",
                label + ".purge.rows_during_phase",
                during,
                "rows in " + Report.format(probe.seconds()) + " s = " + Report.format(during / probe.seconds())
                        + " rows/s (" + Report.format(during / 3.0 / probe.seconds()) + " events/s)");
        report.put(label + ".purge.timeline", probe.shown());
        if (probe.deletingUntil() > 0) {
            report.metric(
                    "purge rate while it deleted",
                    label + ".purge.rows_per_second_active",
                    probe.activeRate(),
                    "rows/s (its counter rose from " + Report.format(probe.deletingFrom()) + " to "
                            + Report.format(probe.deletingUntil()) + " s into the phase, to within 1 s)");
            report.put(label + ".purge.deleting_from_seconds", probe.deletingFrom());
            report.put(label + ".purge.deleting_until_seconds", probe.deletingUntil());
        }
        if (probe.lastShrinkSeconds() > 0) {
            report.metric(
                    "pages given back until",
                    label + ".purge.file_shrank_until_seconds",
                    probe.lastShrinkSeconds(),
                    "s into the phase (the file last shrank then; the purge round ends with its page release)");
        }
        long left = label.equals("purging") ? seeded.rows() - probe.rowsAtEnd : seeded.rows();
        report.row(
                "backlog left",
                label + ".purge.rows_left",
                left,
                left + " of " + seeded.rows() + " rows"
                        + (label.equals("purging")
                                ? (left > 0 ? " (the purge was still going when the phase ended)" : "")
                                : " (kept)"));
        report.row(
                "SQLite file (db + WAL)",
                label + ".file_mib",
                new double[] {mib(probe.bytesAtStart), mib(probe.bytesAtEnd), mib(bytesStopped)},
                Report.format(mib(probe.bytesAtStart)) + " MiB at phase start, "
                        + Report.format(mib(probe.bytesAtEnd)) + " at its end, " + Report.format(mib(bytesStopped))
                        + " after the service stopped");
        report.row(
                "by publish time (" + WINDOW_SECONDS + " s)",
                label + ".windows_note",
                WINDOW_SECONDS,
                "events published in each window: their latency; the purge's work and the file in that window");
        PhaseWindows.report(
                report,
                label,
                PhaseWindows.of(
                        phase.publishLog(),
                        phase.arrivals(),
                        stats.firstPublishNanos(),
                        WINDOW_SECONDS,
                        probe.timeline()),
                WINDOW_SECONDS);
        return new Outcome(phase, probe);
    }

    /** Reads the purge counter and the file's size at the phase's edges, and every second in between. */
    private static final class Probe implements SteadyScenario.Probe {

        private final Path dataDir;
        private final List<PhaseWindows.Sample> timeline = new ArrayList<>();
        private ScheduledExecutorService poller;
        private PurgeCounters counters;
        private long startNanos;
        private long endNanos;
        long rowsAtStart;
        long rowsAtEnd;
        long bytesAtStart;
        long bytesAtEnd;

        Probe(Path dataDir) {
            this.dataDir = dataDir;
        }

        @Override
        public void measuredPhaseStarts(ServiceProcess service) {
            counters = new PurgeCounters(service.baseUrl());
            bytesAtStart = SqliteDataDirs.databaseBytes(dataDir);
            rowsAtStart = PurgeCounters.eventRows(counters.read());
            startNanos = System.nanoTime();
            add(new PhaseWindows.Sample(startNanos, rowsAtStart, bytesAtStart));
            poller = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().factory());
            poller.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
        }

        @Override
        public void measuredPhaseEnded(ServiceProcess service) {
            poller.shutdownNow();
            try {
                poller.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            rowsAtEnd = PurgeCounters.eventRows(counters.read());
            endNanos = System.nanoTime();
            bytesAtEnd = SqliteDataDirs.databaseBytes(dataDir);
            add(new PhaseWindows.Sample(endNanos, rowsAtEnd, bytesAtEnd));
        }

        private void sample() {
            try {
                add(new PhaseWindows.Sample(
                        System.nanoTime(),
                        PurgeCounters.eventRows(counters.read()),
                        SqliteDataDirs.databaseBytes(dataDir)));
            } catch (RuntimeException e) {
                System.out.println("  could not read the purge counter: " + e.getMessage());
            }
        }

        private void add(PhaseWindows.Sample sample) {
            synchronized (timeline) {
                timeline.add(sample);
            }
        }

        List<PhaseWindows.Sample> timeline() {
            synchronized (timeline) {
                return List.copyOf(timeline);
            }
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        /** The last sample at which the counter had risen (the phase's start if it never did). */
        private PhaseWindows.Sample lastRise() {
            PhaseWindows.Sample last = timeline().getFirst();
            long previous = rowsAtStart;
            for (PhaseWindows.Sample sample : timeline()) {
                if (sample.rows() > previous) {
                    last = sample;
                }
                previous = sample.rows();
            }
            return last;
        }

        /** The last sample before the counter first rose: the round began after it (the phase's start if it never rose). */
        private PhaseWindows.Sample beforeFirstRise() {
            List<PhaseWindows.Sample> samples = timeline();
            for (int i = 1; i < samples.size(); i++) {
                if (samples.get(i).rows() > rowsAtStart) {
                    return samples.get(i - 1);
                }
            }
            return samples.getFirst();
        }

        /** Seconds into the phase when the counter began to rise (to within a sample). */
        double deletingFrom() {
            return (beforeFirstRise().nanos() - startNanos) / 1e9;
        }

        /** Seconds into the phase when the counter last rose. */
        double deletingUntil() {
            return (lastRise().nanos() - startNanos) / 1e9;
        }

        /** Seconds from the phase's start to the last sample at which the file was 1 MiB or more smaller than before. */
        double lastShrinkSeconds() {
            List<PhaseWindows.Sample> samples = timeline();
            long last = startNanos;
            for (int i = 1; i < samples.size(); i++) {
                if (samples.get(i).bytes() < samples.get(i - 1).bytes() - (1 << 20)) {
                    last = samples.get(i).nanos();
                }
            }
            return (last - startNanos) / 1e9;
        }

        /** Rows per second from the sample before the counter first rose to the one where it last rose. */
        double activeRate() {
            return (lastRise().rows() - rowsAtStart) / Math.max(1e-9, deletingUntil() - deletingFrom());
        }

        /** [seconds into the phase, rows purged so far, MiB of the database and its WAL] once a second. */
        List<double[]> shown() {
            return timeline().stream()
                    .map(p -> new double[] {(p.nanos() - startNanos) / 1e9, p.rows(), p.bytes() / (1024.0 * 1024.0)})
                    .toList();
        }
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}

package app.smartcomply.webhooks.bench;

import app.smartcomply.webhooks.bench.load.Baseline;
import app.smartcomply.webhooks.bench.load.Publisher;
import app.smartcomply.webhooks.bench.load.ServiceApi;
import app.smartcomply.webhooks.bench.report.DeliveryStats;
import app.smartcomply.webhooks.bench.report.Percentiles;
import app.smartcomply.webhooks.bench.report.Report;
import app.smartcomply.webhooks.bench.service.ProcStats;
import app.smartcomply.webhooks.bench.service.Sampler;
import app.smartcomply.webhooks.bench.service.ServiceProcess;
import app.smartcomply.webhooks.bench.sink.Reply;
import app.smartcomply.webhooks.bench.sink.Sink;
import app.smartcomply.webhooks.bench.sink.TripleLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * 2. steady: an open-loop publisher at {@code --rate} (1,000) events/s for {@code --seconds} (60)
 * to {@code --endpoints} (1) endpoint(s); the publish→receipt latency distribution under a load the
 * service should carry without queueing.
 *
 * <p>First {@code --warmup-seconds} (20; 0 for none) at the same rate, not measured: a freshly
 * started JVM spends its first seconds compiling (on two cores the JIT takes most of one for about
 * half a minute), and "steady" is about the service as it runs, not as it starts. At a rate the
 * cold service cannot carry, the warm-up goes on until it has caught up ({@link CaughtUp}), at most
 * {@code --warmup-max-seconds} (120). The warm-up's deliveries are awaited before the measured run
 * begins.
 */
final class SteadyScenario {

    private static final double[] BUCKETS_MS = {5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000};

    private SteadyScenario() {}

    /** Called at the edges of the measured phase, with the service still running. */
    interface Probe {
        Probe NONE = new Probe() {};

        default void measuredPhaseStarts(ServiceProcess service) {}

        default void measuredPhaseEnded(ServiceProcess service) {}
    }

    /** What one measured phase saw; the service has stopped by the time it is returned. */
    record Phase(
            Publisher.Outcome published,
            TripleLog publishLog,
            TripleLog arrivals,
            DeliveryStats stats,
            long expected,
            boolean complete,
            Sampler sampler,
            double loadBefore) {}

    static void run(Options options) {
        if (options.string("purge-backlog", null) != null) {
            SteadyPurgeScenario.run(options);
            return;
        }
        Harness harness = new Harness(options, "steady");
        int endpoints = options.integer("endpoints", 1);
        Report report = new Report("steady", options.store());
        report.put("params", options.asMap());
        describeLoad(report, options);
        Baseline.Result baseline = harness.baseline(report, endpoints);
        Phase phase = measure(harness, options, report, "steady", List.of(), Probe.NONE);
        report.heading("service (" + options.store() + ")");
        Scenarios.publishing(report, phase.published());
        Scenarios.publishLatency(report, phase.publishLog());
        Scenarios.deliveries(report, phase.stats(), phase.expected(), phase.complete());
        histogram(report, phase.stats());
        Scenarios.process(report, phase.sampler(), phase.loadBefore());
        Scenarios.ratio(report, phase.stats().deliveriesPerSecond(), baseline);
        Path json = report.finish(options.results());
        harness.summarizeRecordings(json.getFileName().toString().replace(".json", ""));
    }

    static void describeLoad(Report report, Options options) {
        double rate = options.decimal("rate", 1000);
        report.row(
                "load",
                "params.load",
                rate,
                Report.format(rate) + " events/s for "
                        + options.seconds("seconds", 60).toSeconds() + " s to " + options.integer("endpoints", 1)
                        + " endpoint(s), open loop");
    }

    /**
     * Starts the service ({@code label}: its data directory, log and recording), registers the
     * endpoints, warms up, then publishes the measured phase and waits for its deliveries. Adds the
     * warm-up row to the report; the rest is the caller's to report.
     */
    static Phase measure(
            Harness harness, Options options, Report report, String label, List<String> serviceArgs, Probe probe) {
        int endpoints = options.integer("endpoints", 1);
        double rate = options.decimal("rate", 1000);
        Duration duration = options.seconds("seconds", 60);
        int maxOutstanding = options.integer("max-outstanding", 1000);
        Duration warmup = options.seconds("warmup-seconds", 20);
        Duration warmupMax = options.seconds("warmup-max-seconds", 120);
        boolean untilCaughtUp = warmupMax.compareTo(warmup) > 0;
        List<Reply> replies = Collections.nCopies(endpoints, Reply.OK);
        try (Sink sink = Sink.start(options.string("sink", "raw"), replies, endpoints);
                ServiceProcess service = harness.startService(label, serviceArgs);
                ServiceApi api = new ServiceApi(service.baseUrl(), service.adminKey(), maxOutstanding)) {
            ServiceApi.Account account = api.createAccount("bench " + label);
            for (int i = 0; i < endpoints; i++) {
                api.createEndpoint(account, sink.url(i));
            }
            long before = 0;
            double warmedFor = 0;
            if (!warmup.isZero()) {
                System.out.println("Warming up: " + Report.format(rate) + " events/s for "
                        + (untilCaughtUp
                                ? "at least " + warmup.toSeconds() + " s, until the service keeps up (at most "
                                        + warmupMax.toSeconds() + " s)"
                                : warmup.toSeconds() + " s")
                        + ", not measured...");
                Publisher warming = new Publisher(api, account);
                CaughtUp caughtUp =
                        new CaughtUp(() -> warming.accepted() * endpoints, sink::received, rate * endpoints);
                Publisher.Outcome warm =
                        warming.openLoop(rate, warmup, untilCaughtUp ? warmupMax : warmup, caughtUp, maxOutstanding);
                warmedFor = warm.attempted() / rate;
                Harness.await(
                        sink::received,
                        warm.accepted() * endpoints,
                        options.seconds("max-wait", 120),
                        Duration.ofSeconds(30),
                        "warm-up deliveries");
                before = sink.received();
            }
            report.row("warm-up", "warmup.seconds", warmedFor, warmUpShown(warmup, warmupMax, warmedFor));
            Publisher publisher = new Publisher(api, account);
            Publisher.Outcome published;
            boolean complete;
            double loadBefore = ProcStats.loadAverage();
            long alreadyReceived = before;
            Sampler sampler = new Sampler(service.pid(), sink::received, null);
            try (sampler) {
                probe.measuredPhaseStarts(service);
                System.out.println(
                        "Publishing " + Report.format(rate) + " events/s for " + duration.toSeconds() + " s...");
                published = publisher.openLoop(rate, duration, maxOutstanding);
                complete = Harness.await(
                        () -> sink.received() - alreadyReceived,
                        published.accepted() * endpoints,
                        options.seconds("max-wait", 120),
                        Duration.ofSeconds(30),
                        "deliveries");
                probe.measuredPhaseEnded(service);
            }
            DeliveryStats stats = DeliveryStats.of(publisher.published(), sink.arrivals(), e -> true);
            service.close();
            return new Phase(
                    published,
                    publisher.published(),
                    sink.arrivals(),
                    stats,
                    published.accepted() * endpoints,
                    complete,
                    sampler,
                    loadBefore);
        }
    }

    private static String warmUpShown(Duration min, Duration max, double ran) {
        if (min.isZero()) {
            return "none (cold start measured)";
        }
        if (max.compareTo(min) <= 0) {
            return min.toSeconds() + " s at the same rate, not measured";
        }
        return String.format(
                Locale.ROOT,
                "%.0f s at the same rate, not measured (at least %d s, then until %d s in a row had under %d ms"
                        + " of deliveries on their way; at most %d s)",
                ran,
                min.toSeconds(),
                CaughtUp.CHECKS_IN_A_ROW,
                CaughtUp.PENDING_MS,
                max.toSeconds());
    }

    private static void histogram(Report report, DeliveryStats stats) {
        long[] sorted = stats.sortedLatencyNanos();
        double[] shares = Percentiles.cumulativeShares(sorted, sorted.length, BUCKETS_MS);
        Map<String, Double> json = new LinkedHashMap<>();
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < BUCKETS_MS.length; i++) {
            json.put("le_" + (long) BUCKETS_MS[i] + "ms", shares[i]);
            shown.append(String.format(Locale.ROOT, "≤%.0fms %.1f%%  ", BUCKETS_MS[i], shares[i] * 100));
        }
        report.row(
                "latency distribution",
                "deliveries.latency_cumulative",
                json,
                shown.toString().trim());
    }
}

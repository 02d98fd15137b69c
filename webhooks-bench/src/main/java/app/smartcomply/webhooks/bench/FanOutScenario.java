package app.smartcomply.webhooks.bench;

import app.smartcomply.webhooks.bench.load.Baseline;
import app.smartcomply.webhooks.bench.load.Publisher;
import app.smartcomply.webhooks.bench.load.ServiceApi;
import app.smartcomply.webhooks.bench.report.DeliveryStats;
import app.smartcomply.webhooks.bench.report.Report;
import app.smartcomply.webhooks.bench.service.PostgresDatabase;
import app.smartcomply.webhooks.bench.service.PostgresWrites;
import app.smartcomply.webhooks.bench.service.Sampler;
import app.smartcomply.webhooks.bench.service.ServiceProcess;
import app.smartcomply.webhooks.bench.sink.Reply;
import app.smartcomply.webhooks.bench.sink.Sink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * 1. fan-out: {@code --endpoints} (10) endpoints all subscribed, {@code --events} (100k) events
 * published as fast as {@code --publishers} (32) keep-alive clients get answers, while the engine
 * delivers. Throughput of publishing and of delivery, publish→receipt latency, service CPU and RSS.
 *
 * <p>First {@code --warmup-events} (10,000; 0 for none) the same way, delivered and not measured:
 * a fresh JVM spends its first half minute compiling (the JIT compiler threads took 0.3–0.9 of
 * the two cores), which is the service starting, not the service running. Steady and hostile warm
 * up for the same reason.
 */
final class FanOutScenario {

    private FanOutScenario() {}

    /** Width of the window for the best sustained delivery rate. */
    private static final double WINDOW_SECONDS = 10;

    /**
     * The delivery rate in the two phases of the run, from the once-a-second samples: while the
     * publishers run (the engine shares the CPU with intake), and after the last publish (the
     * engine alone, draining what is stored) — plus the best rate held for {@value #WINDOW_SECONDS} s.
     * The headline figure (first publish to last arrival) mixes both.
     */
    static void phases(Report report, List<Sampler.Point> points, double publishSeconds) {
        if (points.size() < 2) {
            return;
        }
        Sampler.Point atPublishEnd = points.getFirst();
        for (Sampler.Point p : points) {
            if (p.t() <= publishSeconds) {
                atPublishEnd = p;
            }
        }
        Sampler.Point last = points.getLast();
        double during = atPublishEnd.t() > 0 ? atPublishEnd.received() / atPublishEnd.t() : 0;
        double drainSeconds = last.t() - atPublishEnd.t();
        double after = drainSeconds > 0 ? (last.received() - atPublishEnd.received()) / drainSeconds : 0;
        double best = 0;
        int from = 0;
        for (int to = 1; to < points.size(); to++) {
            while (points.get(to).t() - points.get(from + 1).t() >= WINDOW_SECONDS) {
                from++;
            }
            double span = points.get(to).t() - points.get(from).t();
            if (span >= WINDOW_SECONDS) {
                best = Math.max(
                        best, (points.get(to).received() - points.get(from).received()) / span);
            }
        }
        report.metric(
                "deliveries/s while publishing",
                "deliveries.per_second_while_publishing",
                during,
                "/s (first " + Report.format(atPublishEnd.t()) + " s)");
        report.metric(
                "deliveries/s after publishing",
                "deliveries.per_second_after_publishing",
                after,
                "/s (engine alone, last " + Report.format(drainSeconds) + " s)");
        report.metric("deliveries/s best 10 s", "deliveries.per_second_best_10s", best, "/s");
    }

    static void run(Options options) {
        Harness harness = new Harness(options, "fanout");
        int endpoints = options.integer("endpoints", 10);
        long events = options.number("events", 100_000);
        int publishers = options.integer("publishers", 32);
        Duration maxWait = options.seconds("max-wait", 1800);
        long warmupEvents = options.number("warmup-events", 10_000);
        Report report = new Report("fanout", options.store());
        report.put("params", options.asMap());
        report.row(
                "endpoints × events",
                "params.shape",
                endpoints + " × " + events,
                endpoints + " × " + events + " = " + endpoints * events + " deliveries, " + publishers + " publishers");
        Baseline.Result baseline = harness.baseline(report, endpoints);

        List<Reply> replies = Collections.nCopies(endpoints, Reply.OK);
        try (Sink sink = Sink.start(options.string("sink", "raw"), replies, endpoints);
                ServiceProcess service = harness.startService("fanout", List.of());
                ServiceApi api = new ServiceApi(service.baseUrl(), service.adminKey(), publishers)) {
            ServiceApi.Account account = api.createAccount("bench fan-out");
            for (int i = 0; i < endpoints; i++) {
                api.createEndpoint(account, sink.url(i), options.string("endpoint-options", null));
            }
            long warmReceived = 0;
            if (warmupEvents > 0) {
                System.out.println("Warming up: " + warmupEvents + " events the same way (not measured)...");
                Publisher.Outcome warm = new Publisher(api, account).closedLoop(warmupEvents, publishers);
                if (!Harness.await(
                        sink::received,
                        warm.accepted() * endpoints,
                        maxWait,
                        Duration.ofSeconds(60),
                        "warm-up deliveries")) {
                    // Late warm-up deliveries would be counted as the measured run's.
                    throw new IllegalStateException("The warm-up's deliveries did not all arrive within --max-wait");
                }
                warmReceived = sink.received();
            }
            report.row(
                    "warm-up",
                    "params.warmup_events",
                    warmupEvents,
                    warmupEvents == 0
                            ? "none (cold start measured)"
                            : warmupEvents + " events the same way, delivered, not measured");
            long alreadyReceived = warmReceived;
            Publisher publisher = new Publisher(api, account);
            Publisher.Outcome published;
            boolean complete;
            Sampler sampler = new Sampler(service.pid(), () -> sink.received() - alreadyReceived, null);
            PostgresWrites writes = options.databaseUrl() == null
                    ? null
                    : new PostgresWrites(new PostgresDatabase(options.databaseUrl()));
            PostgresWrites.Snapshot writesBefore = writes == null ? null : writes.settledSnapshot();
            double loadBefore = app.smartcomply.webhooks.bench.service.ProcStats.loadAverage();
            try (sampler) {
                System.out.println("Publishing " + events + " events to " + endpoints + " endpoints...");
                published = publisher.closedLoop(events, publishers);
                System.out.println(
                        "  published " + published.accepted() + " in " + Report.format(published.seconds()) + " s");
                complete = Harness.await(
                        () -> sink.received() - alreadyReceived,
                        published.accepted() * endpoints,
                        maxWait,
                        Duration.ofSeconds(60),
                        "deliveries");
            }
            DeliveryStats stats = DeliveryStats.of(publisher.published(), sink.arrivals(), e -> true);
            report.heading("service (" + options.store() + ")");
            Scenarios.publishing(report, published);
            Scenarios.deliveries(report, stats, published.accepted() * endpoints, complete);
            phases(report, sampler.points(), published.seconds());
            Scenarios.process(report, sampler, loadBefore);
            Scenarios.ratio(report, stats.deliveriesPerSecond(), baseline);
            if (writes != null) {
                Scenarios.writesPerDelivery(report, writes.settledSnapshot().minus(writesBefore), stats.deliveries());
            }
            Path json = report.finish(options.results());
            service.close();
            harness.summarizeRecordings(json.getFileName().toString().replace(".json", ""));
        }
    }
}

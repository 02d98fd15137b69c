package app.smartcomply.webhooks.bench;

import app.smartcomply.webhooks.bench.load.Baseline;
import app.smartcomply.webhooks.bench.load.BatchLoad;
import app.smartcomply.webhooks.bench.load.Publisher;
import app.smartcomply.webhooks.bench.load.ServiceApi;
import app.smartcomply.webhooks.bench.report.DeliveryStats;
import app.smartcomply.webhooks.bench.report.Report;
import app.smartcomply.webhooks.bench.service.ProcStats;
import app.smartcomply.webhooks.bench.service.Sampler;
import app.smartcomply.webhooks.bench.service.ServiceProcess;
import app.smartcomply.webhooks.bench.sink.Reply;
import app.smartcomply.webhooks.bench.sink.Sink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * batch: {@code --events} (100k) events published in {@code POST /api/v1/events/batch} requests of
 * {@code --batch} (1,000) events each, by {@code --publishers} (4) keep-alive clients as fast as
 * answers come, to {@code --endpoints} (1) endpoints, while the engine delivers. Events accepted
 * per second (the batch publish's own figure), deliveries per second over the whole run, and their
 * ratio to the baseline, as fan-out reports them.
 *
 * <p>First {@code --warmup-events} (10,000; 0 for none) the same way, delivered and not measured,
 * for the reason {@link FanOutScenario} gives.
 */
final class BatchScenario {

    private BatchScenario() {}

    static void run(Options options) {
        Harness harness = new Harness(options, "batch");
        int endpoints = options.integer("endpoints", 1);
        long events = options.number("events", 100_000);
        int batchSize = options.integer("batch", 1_000);
        int publishers = options.integer("publishers", 4);
        Duration maxWait = options.seconds("max-wait", 1800);
        long warmupEvents = options.number("warmup-events", 10_000);
        if (batchSize < 1 || batchSize > 1_000) {
            throw new IllegalArgumentException("--batch must be 1 to 1000 (the service's limit)");
        }
        Report report = new Report("batch", options.store());
        report.put("params", options.asMap());
        report.row(
                "endpoints × events",
                "params.shape",
                endpoints + " × " + events,
                endpoints + " × " + events + " = " + endpoints * events + " deliveries, batches of " + batchSize + ", "
                        + publishers + " publishers");
        Baseline.Result baseline = harness.baseline(report, endpoints);

        List<Reply> replies = Collections.nCopies(endpoints, Reply.OK);
        try (Sink sink = Sink.start(options.string("sink", "raw"), replies, endpoints);
                ServiceProcess service = harness.startService("batch", List.of());
                ServiceApi api = new ServiceApi(service.baseUrl(), service.adminKey(), publishers)) {
            ServiceApi.Account account = api.createAccount("bench batch");
            for (int i = 0; i < endpoints; i++) {
                api.createEndpoint(account, sink.url(i));
            }
            long warmReceived = 0;
            if (warmupEvents > 0) {
                System.out.println("Warming up: " + warmupEvents + " events the same way (not measured)...");
                Publisher.Outcome warm = new BatchLoad(api, account, 0).closedLoop(warmupEvents, batchSize, publishers);
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
            BatchLoad load = new BatchLoad(api, account, warmupEvents);
            Publisher.Outcome published;
            boolean complete;
            Sampler sampler = new Sampler(service.pid(), () -> sink.received() - alreadyReceived, null);
            double loadBefore = ProcStats.loadAverage();
            try (sampler) {
                System.out.println("Publishing " + events + " events in batches of " + batchSize + " to " + endpoints
                        + " endpoint(s)...");
                published = load.closedLoop(events, batchSize, publishers);
                System.out.println(
                        "  published " + published.accepted() + " in " + Report.format(published.seconds()) + " s");
                complete = Harness.await(
                        () -> sink.received() - alreadyReceived,
                        published.accepted() * endpoints,
                        maxWait,
                        Duration.ofSeconds(60),
                        "deliveries");
            }
            DeliveryStats stats = DeliveryStats.of(load.published(), sink.arrivals(), e -> true);
            report.heading("service (" + options.store() + ")");
            Scenarios.publishing(report, published);
            report.metric(
                    "batch requests/s",
                    "batches.per_second",
                    load.batches() / Math.max(1e-9, published.seconds()),
                    "/s (" + load.batches() + " answered 200)");
            Scenarios.publishLatency(report, "batches.request_latency_ms", load.published());
            Scenarios.deliveries(report, stats, published.accepted() * endpoints, complete);
            FanOutScenario.phases(report, sampler.points(), published.seconds());
            Scenarios.process(report, sampler, loadBefore);
            Scenarios.ratio(report, stats.deliveriesPerSecond(), baseline);
            Path json = report.finish(options.results());
            service.close();
            harness.summarizeRecordings(json.getFileName().toString().replace(".json", ""));
        }
    }
}

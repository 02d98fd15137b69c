package app.smartcomply.webhooks.bench;

import app.smartcomply.webhooks.bench.load.ServiceApi;
import app.smartcomply.webhooks.bench.report.DeliveryStats;
import app.smartcomply.webhooks.bench.report.Report;
import app.smartcomply.webhooks.bench.service.ProcStats;
import app.smartcomply.webhooks.bench.service.Sampler;
import app.smartcomply.webhooks.bench.service.ServiceProcess;
import app.smartcomply.webhooks.bench.sink.Reply;
import app.smartcomply.webhooks.bench.sink.Sink;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * 4. backlog: {@code --deliveries} (1M) due deliveries already stored over {@code --endpoints} (10)
 * endpoints, then the service starts with its engine on: time to drain, and RSS over time.
 *
 * <p>The account and endpoints are made through the API by a first start with {@code
 * --webhooks.delivery.enabled=false}; the backlog itself is written straight into the stopped
 * service's database ({@link BacklogSeeder}).
 */
final class BacklogScenario {

    private BacklogScenario() {}

    static void run(Options options) throws SQLException {
        Harness harness = new Harness(options, "backlog");
        int endpoints = options.integer("endpoints", 10);
        long deliveries = options.number("deliveries", 1_000_000);
        long events = Math.max(1, deliveries / endpoints);
        Report report = new Report("backlog", options.store());
        report.put("params", options.asMap());
        report.row(
                "backlog",
                "params.backlog",
                events * endpoints,
                events + " events × " + endpoints + " endpoints = " + events * endpoints + " due deliveries");
        var baseline = harness.baseline(report, endpoints);

        try (Sink sink =
                Sink.start(options.string("sink", "raw"), Collections.nCopies(endpoints, Reply.OK), endpoints)) {
            ServiceApi.Account account;
            List<String> endpointIds = new ArrayList<>();
            try (ServiceProcess setup = harness.startService("backlog", List.of("--webhooks.delivery.enabled=false"));
                    ServiceApi api = new ServiceApi(setup.baseUrl(), setup.adminKey(), 4)) {
                account = api.createAccount("bench backlog");
                for (int i = 0; i < endpoints; i++) {
                    endpointIds.add(api.createEndpoint(account, sink.url(i)));
                }
            }
            System.out.println("Seeding " + events * endpoints + " due deliveries straight into the store...");
            long seedStart = System.nanoTime();
            long seeded = BacklogSeeder.seed(
                    harness.dataDir("backlog").resolve("webhooks.db"),
                    options.databaseUrl(),
                    account.id(),
                    endpointIds,
                    events);
            double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
            report.row(
                    "seeded",
                    "seed.deliveries",
                    seeded,
                    seeded + " deliveries in " + Report.format(seedSeconds) + " s");
            report.put("seed.seconds", seedSeconds);

            double loadBefore = ProcStats.loadAverage();
            long launched = System.nanoTime();
            ServiceProcess service = harness.launchService("backlog", List.of(), false);
            boolean complete;
            Sampler sampler = new Sampler(service.pid(), sink::received, null);
            try (service;
                    sampler) {
                service.awaitHealthy(Duration.ofMinutes(3));
                double healthySeconds = (System.nanoTime() - launched) / 1e9;
                report.put("service.healthy_after_seconds", healthySeconds);
                complete = Harness.await(
                        sink::received,
                        seeded,
                        options.seconds("max-wait", 3600),
                        Duration.ofSeconds(60),
                        "deliveries");
            }
            long[] span = DeliveryStats.arrivalSpan(sink.arrivals());
            long received = sink.received();
            double drainSeconds = (span[1] - launched) / 1e9;
            double rate = received / Math.max(1e-9, (span[1] - span[0]) / 1e9);
            report.heading("drain (" + options.store() + ")");
            report.row(
                    "delivered",
                    "deliveries.received",
                    received,
                    received + " of " + seeded + (complete ? "" : " (INCOMPLETE: stopped waiting)"));
            report.metric(
                    "time to drain",
                    "deliveries.drain_seconds",
                    drainSeconds,
                    "s from service launch to last arrival" + (complete ? "" : " (of what arrived)"));
            report.metric("deliveries/s", "deliveries.per_second", rate, "/s (first to last arrival)");
            Scenarios.process(report, sampler, loadBefore);
            List<Sampler.Point> points = sampler.points();
            StringBuilder rss = new StringBuilder();
            int step = Math.max(1, points.size() / 10);
            for (int i = 0; i < points.size(); i += step) {
                rss.append(String.format(
                        java.util.Locale.ROOT,
                        "%.0fs:%.0f ",
                        points.get(i).t(),
                        points.get(i).serviceRssKib() / 1024.0));
            }
            report.row(
                    "RSS over time (MiB)",
                    "service.rss_samples_shown",
                    rss.toString().trim(),
                    rss.toString().trim());
            Scenarios.ratio(report, rate, baseline);
            Path json = report.finish(options.results());
            harness.summarizeRecordings(json.getFileName().toString().replace(".json", ""));
        }
    }
}

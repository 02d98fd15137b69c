package app.smartcomply.webhooks.bench;

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
import java.util.ArrayList;
import java.util.List;

/**
 * 3. hostile: one healthy endpoint beside {@code --hostile} (20) that time out, reset the connection
 * or answer 500, all subscribed; open-loop publishing at {@code --rate} (100) events/s for {@code
 * --seconds} (30). The same load is first run with the healthy endpoint alone (a fresh service),
 * then with the hostile ones beside it (another fresh service): the healthy endpoint's p99 in both.
 */
final class HostileScenario {

    private HostileScenario() {}

    static void run(Options options) {
        Harness harness = new Harness(options, "hostile");
        int hostile = options.integer("hostile", 20);
        double rate = options.decimal("rate", 100);
        Duration duration = options.seconds("seconds", 30);
        Duration warmup = options.seconds("warmup-seconds", 10);
        Report report = new Report("hostile", options.store());
        report.put("params", options.asMap());
        List<Reply> replies = new ArrayList<>();
        replies.add(Reply.OK);
        for (int i = 0; i < hostile; i++) {
            replies.add(
                    switch (i % 3) {
                        case 0 -> Reply.timeout();
                        case 1 -> Reply.RESET;
                        default -> Reply.FAIL;
                    });
        }
        report.row(
                "load",
                "params.load",
                rate,
                Report.format(rate) + " events/s for " + duration.toSeconds() + " s; hostile endpoints: " + hostile
                        + " (timeout 30 s / RST / 500, in turn), each on its own port");

        report.row(
                "warm-up",
                "params.warmup_seconds",
                warmup.toSeconds(),
                warmup.isZero()
                        ? "none (cold start measured)"
                        : warmup.toSeconds() + " s of the same load before each phase, not measured");
        Phase solo = phase(options, harness, report, "solo", replies.subList(0, 1), rate, duration, warmup);
        Phase mixed = phase(options, harness, report, "hostile", replies, rate, duration, warmup);
        report.heading("verdict");
        report.metric(
                "healthy p99 hostile ÷ solo",
                "healthy_p99_ratio",
                mixed.p99 / solo.p99,
                "(target ≤ 1.5): " + Report.format(mixed.p99) + " ms vs " + Report.format(solo.p99) + " ms");
        Path json = report.finish(options.results());
        harness.summarizeRecordings(json.getFileName().toString().replace(".json", ""));
    }

    private record Phase(double p99) {}

    private static Phase phase(
            Options options,
            Harness harness,
            Report report,
            String label,
            List<Reply> replies,
            double rate,
            Duration duration,
            Duration warmup) {
        try (Sink sink = Sink.start(options.string("sink", "raw"), replies, replies.size());
                ServiceProcess service = harness.startService(label, List.of());
                ServiceApi api = new ServiceApi(service.baseUrl(), service.adminKey(), 1000)) {
            ServiceApi.Account account = api.createAccount("bench " + label);
            for (int i = 0; i < replies.size(); i++) {
                api.createEndpoint(account, sink.url(i));
            }
            // The same load first, unmeasured: the figure is then the service's, not the JIT compiler's,
            // which on two cores competes with everything else for the first tens of seconds.
            if (!warmup.isZero()) {
                System.out.println("[" + label + "] warming up for " + warmup.toSeconds() + " s (not measured)...");
                Publisher.Outcome warm = new Publisher(api, account).openLoop(rate, warmup, 1000);
                Harness.await(
                        () -> sink.received(0),
                        warm.accepted(),
                        options.seconds("max-wait", 120),
                        Duration.ofSeconds(30),
                        "warm-up healthy deliveries");
            }
            long healthyBefore = sink.received(0);
            Publisher publisher = new Publisher(api, account);
            Publisher.Outcome published;
            boolean complete;
            double loadBefore = ProcStats.loadAverage();
            Sampler sampler = new Sampler(service.pid(), () -> sink.received(0), sink::inFlight);
            try (sampler) {
                System.out.println("[" + label + "] publishing " + Report.format(rate) + " events/s for "
                        + duration.toSeconds() + " s to " + replies.size() + " endpoint(s)...");
                published = publisher.openLoop(rate, duration, 1000);
                complete = Harness.await(
                        () -> sink.received(0) - healthyBefore,
                        published.accepted(),
                        options.seconds("max-wait", 120),
                        Duration.ofSeconds(30),
                        "healthy deliveries");
            }
            DeliveryStats healthy = DeliveryStats.of(publisher.published(), sink.arrivals(), e -> e == 0);
            report.heading(label + " (" + (replies.size() - 1) + " hostile endpoints, " + options.store() + ")");
            report.put(label + ".events.accepted", published.accepted());
            report.metric(
                    "events accepted/s", label + ".events.accepted_per_second", published.acceptedPerSecond(), "/s");
            report.row(
                    "healthy deliveries",
                    label + ".healthy.received",
                    healthy.deliveries(),
                    healthy.deliveries() + " of " + published.accepted() + (complete ? "" : " (INCOMPLETE)"));
            Scenarios.publishLatency(report, label + ".publish_latency_ms", publisher.published());
            report.latency("healthy publish→receipt", label + ".healthy.latency_ms", healthy.latency());
            long hostileAttempts = 0;
            for (int i = 1; i < replies.size(); i++) {
                hostileAttempts += sink.received(i);
            }
            report.row(
                    "hostile attempts received (incl. warm-up)",
                    label + ".hostile_attempts",
                    hostileAttempts,
                    hostileAttempts + " (max held at once " + sink.maxInFlight() + ")");
            report.metric("service CPU", label + ".service.cpu_cores_mean", sampler.serviceCpuCores(), "cores mean");
            report.metric(
                    "machine CPU busy",
                    label + ".machine_cpu_busy_cores_mean",
                    sampler.machineBusyCores(),
                    "cores mean");
            report.metric(
                    "service RSS max", label + ".service.rss_max_mib", sampler.maxServiceRssKib() / 1024.0, "MiB");
            report.row(
                    "machine load (1 min)",
                    label + ".machine_load",
                    loadBefore,
                    "before " + Report.format(loadBefore) + ", max during " + Report.format(sampler.maxLoad()));
            report.put(label + ".timeline", sampler.points());
            return new Phase(healthy.latency().p99());
        }
    }
}

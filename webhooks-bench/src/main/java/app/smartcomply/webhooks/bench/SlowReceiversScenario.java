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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 5. slow receivers: {@code --endpoints} (2,000) endpoints that each take {@code --delay-ms} (2,000)
 * to answer, spread over {@code --ports} (as many as endpoints: each its own host:port, like distinct
 * customers) — {@code --events} (10) events fan out to all of them. Deliveries in flight (requests
 * the sink is holding), RSS and OS threads of the service.
 */
final class SlowReceiversScenario {

    private SlowReceiversScenario() {}

    static void run(Options options) {
        Harness harness = new Harness(options, "slow");
        int endpoints = options.integer("endpoints", 2000);
        int ports = options.integer("ports", endpoints);
        long events = options.number("events", 10);
        Duration delay = Duration.ofMillis(options.number("delay-ms", 2000));
        Report report = new Report("slow", options.store());
        report.put("params", options.asMap());
        report.row(
                "shape",
                "params.shape",
                endpoints * events,
                endpoints + " endpoints × " + events + " events = " + endpoints * events
                        + " deliveries; each answer takes " + delay.toMillis() + " ms; " + ports + " listening ports");

        try (Sink sink = Sink.start(
                        options.string("sink", "raw"), Collections.nCopies(endpoints, Reply.slow(delay)), ports);
                // One account holds every endpoint, so its cap (1,000 by default) must allow them all.
                ServiceProcess service = harness.startService(
                        "slow", List.of("--webhooks.limits.endpoints-per-account=" + Math.max(endpoints, 1000)));
                ServiceApi api = new ServiceApi(service.baseUrl(), service.adminKey(), 16)) {
            ServiceApi.Account account = api.createAccount("bench slow");
            System.out.println("Registering " + endpoints + " endpoints...");
            AtomicInteger next = new AtomicInteger();
            List<Thread> creators = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                creators.add(Thread.ofVirtual().start(() -> {
                    for (int i = next.getAndIncrement(); i < endpoints; i = next.getAndIncrement()) {
                        api.createEndpoint(account, sink.url(i));
                    }
                }));
            }
            for (Thread creator : creators) {
                creator.join();
            }
            Publisher publisher = new Publisher(api, account);
            Publisher.Outcome published;
            boolean complete;
            double loadBefore = ProcStats.loadAverage();
            Sampler sampler = new Sampler(service.pid(), sink::received, sink::inFlight);
            try (sampler) {
                published = publisher.closedLoop(events, 1);
                // A slow delivery is done when its answer went out, 2 s after it arrived.
                complete = Harness.await(
                        sink::answered,
                        published.accepted() * endpoints,
                        options.seconds("max-wait", 600),
                        Duration.ofSeconds(60),
                        "answered deliveries");
            }
            DeliveryStats stats = DeliveryStats.of(publisher.published(), sink.arrivals(), e -> true);
            report.heading("service (" + options.store() + ")");
            Scenarios.publishing(report, published);
            Scenarios.deliveries(report, stats, published.accepted() * endpoints, complete);
            double completedSeconds = (sink.lastAnsweredNanos() - stats.firstPublishNanos()) / 1e9;
            report.metric(
                    "completed deliveries/s",
                    "deliveries.completed_per_second",
                    sink.answered() / completedSeconds,
                    "/s (" + sink.answered() + " answered; first publish to last answer, "
                            + Report.format(completedSeconds) + " s)");
            report.row(
                    "deliveries in flight max",
                    "deliveries.in_flight_max",
                    sink.maxInFlight(),
                    sink.maxInFlight() + " requests held by the sink at once (sampled each second: max "
                            + sampler.maxExtra() + ")");
            double ideal = Math.min(2048, endpoints * Math.min(32, events)) * 1000.0 / delay.toMillis();
            report.metric(
                    "ideal deliveries/s",
                    "deliveries.ideal_per_second",
                    ideal,
                    "/s if every permitted slot (max-in-flight 2048, 32 per endpoint) were busy");
            Scenarios.process(report, sampler, loadBefore);
            Path json = report.finish(options.results());
            service.close();
            harness.summarizeRecordings(json.getFileName().toString().replace(".json", ""));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

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
 * half a minute), and "steady" is about the service as it runs, not as it starts. The warm-up's
 * deliveries are awaited before the measured run begins.
 */
final class SteadyScenario {

  private static final double[] BUCKETS_MS = {5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000};

  private SteadyScenario() {}

  static void run(Options options) {
    Harness harness = new Harness(options, "steady");
    int endpoints = options.integer("endpoints", 1);
    double rate = options.decimal("rate", 1000);
    Duration duration = options.seconds("seconds", 60);
    int maxOutstanding = options.integer("max-outstanding", 1000);
    Duration warmup = options.seconds("warmup-seconds", 20);
    Report report = new Report("steady", options.store());
    report.put("params", options.asMap());
    report.row("load", "params.load", rate,
        Report.format(rate) + " events/s for " + duration.toSeconds() + " s to " + endpoints + " endpoint(s), open loop");
    Baseline.Result baseline = harness.baseline(report, endpoints);

    List<Reply> replies = Collections.nCopies(endpoints, Reply.OK);
    try (Sink sink = Sink.start(options.string("sink", "raw"), replies, endpoints);
        ServiceProcess service = harness.startService("steady", List.of());
        ServiceApi api = new ServiceApi(service.baseUrl(), service.adminKey(), maxOutstanding)) {
      ServiceApi.Account account = api.createAccount("bench steady");
      for (int i = 0; i < endpoints; i++) {
        api.createEndpoint(account, sink.url(i));
      }
      long before = 0;
      if (!warmup.isZero()) {
        System.out.println("Warming up: " + Report.format(rate) + " events/s for " + warmup.toSeconds() + " s (not measured)...");
        Publisher.Outcome warm = new Publisher(api, account).openLoop(rate, warmup, maxOutstanding);
        Harness.await(sink::received, warm.accepted() * endpoints, options.seconds("max-wait", 120),
            Duration.ofSeconds(30), "warm-up deliveries");
        before = sink.received();
      }
      report.row("warm-up", "params.warmup_seconds", warmup.toSeconds(),
          warmup.isZero() ? "none (cold start measured)" : warmup.toSeconds() + " s at the same rate, not measured");
      Publisher publisher = new Publisher(api, account);
      Publisher.Outcome published;
      boolean complete;
      double loadBefore = ProcStats.loadAverage();
      long alreadyReceived = before;
      Sampler sampler = new Sampler(service.pid(), sink::received, null);
      try (sampler) {
        System.out.println("Publishing " + Report.format(rate) + " events/s for " + duration.toSeconds() + " s...");
        published = publisher.openLoop(rate, duration, maxOutstanding);
        complete = Harness.await(() -> sink.received() - alreadyReceived, published.accepted() * endpoints,
            options.seconds("max-wait", 120),
            Duration.ofSeconds(30), "deliveries");
      }
      DeliveryStats stats = DeliveryStats.of(publisher.published(), sink.arrivals(), e -> true);
      report.heading("service (" + options.store() + ")");
      Scenarios.publishing(report, published);
      Scenarios.publishLatency(report, publisher.published());
      Scenarios.deliveries(report, stats, published.accepted() * endpoints, complete);
      histogram(report, stats);
      Scenarios.process(report, sampler, loadBefore);
      Scenarios.ratio(report, stats.deliveriesPerSecond(), baseline);
      Path json = report.finish(options.results());
      service.close();
      harness.summarizeRecordings(json.getFileName().toString().replace(".json", ""));
    }
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
    report.row("latency distribution", "deliveries.latency_cumulative", json, shown.toString().trim());
  }
}

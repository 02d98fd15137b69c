package app.smartcomply.webhooks.bench;

import app.smartcomply.webhooks.bench.load.Publisher;
import app.smartcomply.webhooks.bench.load.ServiceApi;
import app.smartcomply.webhooks.bench.report.Report;
import app.smartcomply.webhooks.bench.service.ServiceProcess;
import app.smartcomply.webhooks.bench.sink.Reply;
import app.smartcomply.webhooks.bench.sink.Sink;
import app.smartcomply.webhooks.bench.sink.TripleLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ratelimit: one endpoint with {@code rate_limit.per_second} {@code --rate-limit} (100) and one
 * without, both subscribed to every event; {@code --events} (10,000) published first as fast as
 * {@code --publishers} (8) clients get answers — a backlog for the limited endpoint — then delivered.
 * Reports, from the sink's own arrival times of the limited endpoint's requests: the most in any
 * one-second window (sliding, not calendar seconds: must be at most the limit), the mean rate from
 * its first to its last arrival, and every calendar second's count (in the JSON); and how long the
 * unlimited endpoint took to get all of its deliveries (it must not wait for the limited one).
 */
final class RateLimitScenario {

    private RateLimitScenario() {}

    static void run(Options options) {
        Harness harness = new Harness(options, "ratelimit");
        int limit = options.integer("rate-limit", 100);
        long events = options.number("events", 10_000);
        int publishers = options.integer("publishers", 8);
        Duration maxWait = options.seconds("max-wait", events / limit * 2 + 120);
        Report report = new Report("ratelimit", options.store());
        report.put("params", options.asMap());
        report.row(
                "shape",
                "params.shape",
                events + " events",
                events + " events to 2 endpoints: one limited to " + limit + "/s, one unlimited; " + publishers
                        + " publishers");
        try (Sink sink = Sink.start(options.string("sink", "raw"), List.of(Reply.OK, Reply.OK), 2);
                ServiceProcess service = harness.startService("ratelimit", List.of());
                ServiceApi api = new ServiceApi(service.baseUrl(), service.adminKey(), publishers)) {
            ServiceApi.Account account = api.createAccount("bench rate limit");
            api.createRateLimitedEndpoint(account, sink.url(0), limit);
            api.createEndpoint(account, sink.url(1));
            long start = System.nanoTime();
            System.out.println(
                    "Publishing " + events + " events (a backlog for the endpoint limited to " + limit + "/s)...");
            Publisher.Outcome published = new Publisher(api, account).closedLoop(events, publishers);
            System.out.println(
                    "  published " + published.accepted() + " in " + Report.format(published.seconds()) + " s");
            boolean unlimitedComplete = Harness.await(
                    () -> sink.received(1), published.accepted(), maxWait, Duration.ofSeconds(30), "unlimited");
            double unlimitedSeconds = (System.nanoTime() - start) / 1e9;
            boolean complete = Harness.await(
                    () -> sink.received(0), published.accepted(), maxWait, Duration.ofSeconds(30), "limited");

            long[] limited = arrivalsOf(sink.arrivals(), 0);
            report.heading("service (" + options.store() + ")");
            Scenarios.publishing(report, published);
            report.row(
                    "limited endpoint received",
                    "limited.received",
                    limited.length,
                    limited.length + " of " + published.accepted()
                            + (complete ? "" : " (INCOMPLETE: stopped waiting)"));
            report.metric(
                    "limited: most in any 1 s",
                    "limited.max_in_any_second",
                    maxInAnyWindow(limited, 1_000_000_000L),
                    "requests in any sliding one-second window (limit " + limit + ")");
            double span = limited.length > 1 ? (limited[limited.length - 1] - limited[0]) / 1e9 : 0;
            report.metric(
                    "limited: mean rate",
                    "limited.mean_per_second",
                    span > 0 ? (limited.length - 1) / span : 0,
                    "/s, first to last arrival (" + Report.format(span) + " s)");
            report.put("limited.per_calendar_second", perCalendarSecond(limited));
            report.metric(
                    "unlimited: all delivered after",
                    "unlimited.seconds",
                    unlimitedSeconds,
                    "s from the first publish" + (unlimitedComplete ? "" : " (INCOMPLETE: stopped waiting)"));
            report.finish(options.results());
        }
    }

    /** The arrival times (ns) of one endpoint's requests, in order. */
    private static long[] arrivalsOf(TripleLog arrivals, int endpoint) {
        long[] times = new long[(int) arrivals.size()];
        int n = 0;
        for (long row = 0; row < arrivals.size(); row++) {
            if (arrivals.a(row) == endpoint) {
                times[n++] = arrivals.b(row);
            }
        }
        long[] sorted = Arrays.copyOf(times, n);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The most arrivals in any window [t, t + width) of sorted times. */
    static int maxInAnyWindow(long[] sorted, long width) {
        int max = 0;
        for (int i = 0, j = 0; i < sorted.length; i++) {
            while (sorted[i] - sorted[j] >= width) {
                j++;
            }
            max = Math.max(max, i - j + 1);
        }
        return max;
    }

    /** Arrivals in each whole second from the first arrival on. */
    private static List<Integer> perCalendarSecond(long[] sorted) {
        List<Integer> counts = new ArrayList<>();
        if (sorted.length == 0) {
            return counts;
        }
        for (long t : sorted) {
            int second = (int) ((t - sorted[0]) / 1_000_000_000L);
            while (counts.size() <= second) {
                counts.add(0);
            }
            counts.set(second, counts.get(second) + 1);
        }
        return counts;
    }
}

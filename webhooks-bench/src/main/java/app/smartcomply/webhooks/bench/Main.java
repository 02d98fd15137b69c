package app.smartcomply.webhooks.bench;

import app.smartcomply.webhooks.bench.load.Baseline;
import app.smartcomply.webhooks.bench.report.JfrSummary;
import app.smartcomply.webhooks.bench.report.Report;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code ./webhooks bench <scenario> [options]}: see {@link #USAGE} and docs/benchmarks.md. */
public final class Main {

    static final String USAGE = """
      Usage: ./webhooks bench <scenario> [options]

      Scenarios (each prints a table and writes JSON under webhooks-bench/target/results/):
        baseline   raw POST rate of the service's HTTP client stack straight to the sink (the ceiling)
        fanout     --endpoints 10 --events 100000 --publishers 32 --warmup-events 10000
                   --endpoint-options '{"ordering":"fifo"}'  (every endpoint's options, as on create)
        batch      --events 100000 --batch 1000 --publishers 4 --endpoints 1 --warmup-events 10000
                   (events published in POST /api/v1/events/batch requests of --batch events each)
        steady     --rate 1000 --seconds 60 --endpoints 1 --warmup-seconds 20 --warmup-max-seconds 120
                   (the warm-up goes on past its minimum until the service keeps up with the rate)
                   --purge-backlog N  (SQLite) seed N finished events (delivery, attempt, 1-4 KiB response
                   each) made 2 h ago, then run steady twice on copies of that file: retention 30d
                   (nothing to purge) and retention 1h (the purge deletes them during the phase);
                   p50/p95/p99 of both, their ratio, purge rate, file sizes. --purge-interval S
                   (default: --warmup-seconds + 5, so the first round begins with the phase)
        hostile    --rate 100 --seconds 30 --hostile 20   (healthy p99: alone, then beside hostile ones)
        backlog    --deliveries 1000000 --endpoints 10    (seeded into the store, then drained)
        pgceiling  --store postgres --database-url … --endpoints 10 --clients 8 --seconds 30
                   PostgreSQL's own ceiling for a fan-out's rows: pgbench writes them with no service
        slow       --endpoints 2000 --events 10 --delay-ms 2000 [--ports N]
        ratelimit  --rate-limit 100 --events 10000 --publishers 8   (a backlog to an endpoint with
                   rate_limit.per_second; arrivals per second at the sink, beside an unlimited endpoint)
        jmh        [JMH options]   micro-benchmarks: signing, claim query (default: short run of all)
        profile    <recording.jfr> [--since <ISO instant>]  summarize a flight recording of the service

      Common options:
        --store sqlite|postgres      --database-url postgres://user:pass@host:port/<db named *bench*>
        --jfr                        record the service with JFR (settings=profile) and summarize it
        --service-java-opts "..."    extra JVM options for the service (also WEBHOOKS_BENCH_SERVICE_JAVA_OPTS)
        --service-arg --x.y=z        extra Spring Boot argument for the service (repeatable)
        --sink raw|jdk               hand-rolled HTTP/1.1 sink (default) or the JDK HttpServer
        --no-baseline  --baseline-seconds 5  --baseline-concurrency N
        --max-wait SECONDS           stop waiting for deliveries after this long
      """;

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (wantsHelp(args)) {
            System.out.print(USAGE);
            return;
        }
        String scenario = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (scenario.equals("jmh")) {
            jmh(rest);
            return;
        }
        Options options;
        try {
            options = Options.parse(rest);
        } catch (IllegalArgumentException badUsage) {
            System.err.println(badUsage.getMessage() + " (./webhooks bench --help lists the options)");
            System.exit(2);
            return;
        }
        switch (scenario) {
            case "baseline" -> baseline(options);
            case "fanout", "fan-out" -> FanOutScenario.run(options);
            case "batch" -> BatchScenario.run(options);
            case "pgceiling" -> PgCeilingScenario.run(options);
            case "steady" -> SteadyScenario.run(options);
            case "hostile" -> HostileScenario.run(options);
            case "backlog" -> BacklogScenario.run(options);
            case "slow", "slow-receivers" -> SlowReceiversScenario.run(options);
            case "ratelimit", "rate-limit" -> RateLimitScenario.run(options);
            case "profile" -> {
                if (options.positional().isEmpty()) {
                    throw new IllegalArgumentException("profile needs the path of a .jfr file");
                }
                String since = options.string("since", null);
                System.out.println(JfrSummary.summarize(
                        Path.of(options.positional().getFirst()),
                        options.integer("top", 25),
                        since == null ? null : java.time.Instant.parse(since)));
            }
            default -> {
                System.err.println("Unknown scenario: " + scenario);
                System.err.print(USAGE);
                System.exit(2);
            }
        }
        // Virtual threads of sinks and clients are daemon threads; nothing else keeps the JVM up.
        System.exit(0);
    }

    /**
     * Help anywhere on the line prints the usage and runs nothing: {@code ./webhooks bench fanout
     * --help} must never start a benchmark. For {@code jmh}, {@code -h} is JMH's own help (which
     * runs nothing either) and only {@code --help} is ours.
     */
    static boolean wantsHelp(String[] args) {
        if (args.length == 0 || args[0].equals("help")) {
            return true;
        }
        boolean jmh = args[0].equals("jmh");
        for (String arg : args) {
            if (arg.equals("--help") || (arg.equals("-h") && !jmh)) {
                return true;
            }
        }
        return false;
    }

    private static void baseline(Options options) {
        int endpoints = options.integer("endpoints", 10);
        int concurrency =
                options.integer("baseline-concurrency", options.integer("concurrency", Math.min(endpoints * 32, 32)));
        String sink = options.string("sink", "raw");
        Report report = new Report("baseline", null);
        report.put("params", options.asMap());
        Baseline.Result result =
                Baseline.run(sink, endpoints, concurrency, options.seconds("seconds", 10), Harness.samplePayload());
        report.metric("POST/s", "posts_per_second", result.postsPerSecond(), "/s");
        report.row(
                "setup",
                "setup",
                result,
                result.sink() + " sink, " + result.endpoints() + " endpoints (one port each), " + result.concurrency()
                        + " virtual threads, " + Report.format(result.seconds()) + " s, errors " + result.errors());
        report.latency("POST latency", "latency_ms", result.latency());
        report.finish(options.results());
    }

    /** JMH options without a value; every other option is followed by one. */
    private static final java.util.Set<String> JMH_FLAGS = java.util.Set.of("-h", "-l", "-lp", "-lprof", "-lrf");

    /** True if the JMH arguments name benchmarks (a positional regular expression). */
    private static boolean hasIncludePattern(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-")) {
                return true;
            }
            if (!JMH_FLAGS.contains(arg)) {
                i++;
            }
        }
        return false;
    }

    /** Runs JMH; without arguments a short run of every benchmark here, results as JSON in the results directory. */
    private static void jmh(List<String> args) throws Exception {
        List<String> jmhArgs = new ArrayList<>(args);
        if (jmhArgs.isEmpty()) {
            jmhArgs.addAll(List.of("-f", "1", "-wi", "3", "-w", "2s", "-i", "5", "-r", "2s"));
        }
        if (!jmhArgs.contains("-rf")) {
            String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Path results = Path.of(System.getProperty("webhooks.root", ".")).resolve("webhooks-bench/target/results");
            java.nio.file.Files.createDirectories(results);
            jmhArgs.addAll(List.of(
                    "-rf",
                    "json",
                    "-rff",
                    results.resolve("jmh-" + stamp + ".json").toString()));
        }
        if (!hasIncludePattern(jmhArgs)) {
            jmhArgs.add("app.smartcomply.webhooks.bench.jmh.*");
        }
        org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
    }
}

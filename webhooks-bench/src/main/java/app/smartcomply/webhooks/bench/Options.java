package app.smartcomply.webhooks.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options of {@code ./webhooks bench <scenario>}; each scenario reads the ones it uses. */
final class Options {

    static final Set<String> FLAGS = Set.of("jfr", "no-baseline", "help");

    /**
     * Every option some scenario reads. Anything else is refused rather than ignored: a mistyped
     * {@code --evnets 1000} would otherwise run the default 100,000 events without a word.
     */
    static final Set<String> KNOWN = Set.of(
            "baseline-concurrency",
            "baseline-seconds",
            "batch",
            "clients",
            "concurrency",
            "delay-ms",
            "deliveries",
            "endpoint-options",
            "endpoints",
            "events",
            "hostile",
            "jfr",
            "max-outstanding",
            "max-wait",
            "no-baseline",
            "ports",
            "publishers",
            "purge-backlog",
            "purge-interval",
            "rate",
            "rate-limit",
            "seconds",
            "since",
            "sink",
            "top",
            "warmup-events",
            "warmup-seconds",
            "warmup-max-seconds",
            "store",
            "database-url",
            "service-java-opts",
            "service-arg",
            "results",
            "jar",
            "help");

    private final Map<String, String> values = new HashMap<>();
    private final List<String> serviceArgs = new ArrayList<>();
    private final List<String> positional = new ArrayList<>();

    static Options parse(List<String> args) {
        Options options = new Options();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                options.positional.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals >= 0 ? arg.substring(2, equals) : arg.substring(2);
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name);
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (FLAGS.contains(name)) {
                value = "true";
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (name.equals("service-arg")) {
                options.serviceArgs.add(value);
            } else {
                options.values.put(name, value);
            }
        }
        if (options.values.containsKey("database-url") && !options.values.containsKey("store")) {
            options.values.put("store", "postgres");
        }
        return options;
    }

    /** Gives {@code name} this value unless the command line gave it one. */
    void defaultTo(String name, String value) {
        values.putIfAbsent(name, value);
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    long number(String name, long fallback) {
        String value = values.get(name);
        return value == null
                ? fallback
                : Long.parseLong(value.replace("_", "").replace("k", "000").replace("M", "000000"));
    }

    int integer(String name, int fallback) {
        return Math.toIntExact(number(name, fallback));
    }

    double decimal(String name, double fallback) {
        String value = values.get(name);
        return value == null ? fallback : Double.parseDouble(value);
    }

    Duration seconds(String name, long fallback) {
        return Duration.ofMillis((long) (decimal(name, fallback) * 1000));
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    List<String> positional() {
        return positional;
    }

    /** sqlite (default) or postgres. */
    String store() {
        String store = string("store", "sqlite");
        if (!store.equals("sqlite") && !store.equals("postgres")) {
            throw new IllegalArgumentException("--store must be sqlite or postgres");
        }
        return store;
    }

    String databaseUrl() {
        if (store().equals("sqlite")) {
            return null;
        }
        String url = values.getOrDefault("database-url", System.getenv("WEBHOOKS_BENCH_DATABASE_URL"));
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(
                    "--store postgres needs --database-url postgres://user:pass@host:port/<db with 'bench' in its name>");
        }
        return url;
    }

    /** Extra JVM options for the service: {@code --service-java-opts} and {@code WEBHOOKS_BENCH_SERVICE_JAVA_OPTS}. */
    List<String> serviceJavaOptions() {
        List<String> options = new ArrayList<>();
        for (String source :
                new String[] {System.getenv("WEBHOOKS_BENCH_SERVICE_JAVA_OPTS"), values.get("service-java-opts")}) {
            if (source != null && !source.isBlank()) {
                options.addAll(List.of(source.trim().split("\\s+")));
            }
        }
        return options;
    }

    /** Extra Spring Boot arguments for the service ({@code --service-arg --webhooks.x=y}, repeatable). */
    List<String> serviceArgs() {
        return List.copyOf(serviceArgs);
    }

    Path root() {
        return Path.of(System.getProperty("webhooks.root", "."))
                .toAbsolutePath()
                .normalize();
    }

    Path results() {
        return Path.of(string(
                "results", root().resolve("webhooks-bench/target/results").toString()));
    }

    Path jar() {
        return Path.of(string(
                "jar",
                root().resolve("webhooks-server/target/webhooks-server.jar").toString()));
    }

    Map<String, String> asMap() {
        Map<String, String> all = new HashMap<>(values);
        if (!serviceArgs.isEmpty()) {
            all.put("service-arg", String.join(" ", serviceArgs));
        }
        return all;
    }
}

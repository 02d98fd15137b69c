package app.smartcomply.webhooks.bench;

import app.smartcomply.webhooks.bench.load.ServiceApi;
import app.smartcomply.webhooks.bench.report.Report;
import app.smartcomply.webhooks.bench.service.PostgresDatabase;
import app.smartcomply.webhooks.bench.service.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's own ceiling for a fan-out's rows on this machine, with no service in the way: pgbench
 * runs, from {@code --clients} connections, what a publish and its first successful attempts write
 * — one event, one delivery per endpoint (born leased, as a hand-off inserts them), then each
 * delivery's outcome update and attempt row, the outcomes of one event in one transaction — on the
 * service's own schema, migrated by the service. Deliveries/s = pgbench's transactions/s × the
 * endpoints; the fan-out scenario's figure on PostgreSQL divided by this one is how close the
 * service comes to the database it runs on.
 *
 * <p>Needs {@code pgbench} on the PATH or under {@code /usr/lib/postgresql/<version>/bin}.
 */
final class PgCeilingScenario {

    private PgCeilingScenario() {}

    static void run(Options options) throws IOException, InterruptedException {
        if (options.databaseUrl() == null) {
            throw new IllegalArgumentException("pgceiling needs --store postgres --database-url …");
        }
        Harness harness = new Harness(options, "pgceiling");
        int endpoints = options.integer("endpoints", 10);
        int clients = options.integer("clients", 8);
        int seconds = options.integer("seconds", 30);
        String accountId;
        List<String> endpointIds = new ArrayList<>();
        // The service migrates the schema and makes an account and its endpoints, then stops: the
        // rows pgbench writes refer to real ones.
        try (ServiceProcess service = harness.startService("pgceiling", List.of());
                ServiceApi api = new ServiceApi(service.baseUrl(), service.adminKey(), 1)) {
            ServiceApi.Account account = api.createAccount("bench pgbench ceiling");
            accountId = account.id();
            for (int i = 0; i < endpoints; i++) {
                endpointIds.add(api.createEndpoint(account, "http://127.0.0.1:9/hook-" + i));
            }
        }
        Path script = harness.runDir.resolve("fanout-rows.sql");
        Files.writeString(script, script(accountId, endpointIds), StandardCharsets.UTF_8);
        PgbenchRun pgbench = PgbenchRun.run(options.databaseUrl(), script, clients, seconds, harness.runDir);

        Report report = new Report("pgceiling", "postgres");
        report.put("params", options.asMap());
        report.row(
                "rows per transaction",
                "params.shape",
                endpoints,
                "1 event + " + endpoints + " deliveries inserted; " + endpoints + " outcome updates + " + endpoints
                        + " attempts inserted");
        report.row("pgbench", "pgbench.setup", clients, clients + " clients, 2 threads, " + seconds + " s");
        report.metric("transactions/s", "pgbench.tps", pgbench.tps(), "(one event and its deliveries each)");
        report.metric("ceiling deliveries/s", "ceiling.deliveries_per_second", pgbench.tps() * endpoints, "/s");
        report.metric("latency average", "pgbench.latency_ms", pgbench.latencyMs(), "ms per transaction");
        report.finish(options.results());
    }

    /** One pgbench transaction: a publish of one event to every endpoint, then its outcomes. */
    static String script(String accountId, List<String> endpointIds) {
        String endpointArray = "ARRAY['" + String.join("','", endpointIds) + "']";
        // Sizes like the fan-out scenario's: a ~600-byte payload, ~400 bytes of request headers.
        return """
            SELECT 'evt_' || md5(random()::text || clock_timestamp()::text) AS evt \\gset
            BEGIN;
            INSERT INTO events (id, account_id, mode, type, payload, created_at)
              VALUES (':evt', '%1$s', 'live', 'test.submitted', convert_to(repeat('x', 600), 'UTF8'), 1800000000000);
            INSERT INTO deliveries (id, account_id, event_id, endpoint_id, event_type, status, attempt_count,
                                    next_attempt_at, lease_owner, lease_expires_at, created_at, updated_at, mode, state)
              SELECT 'whd_' || md5(random()::text || e || clock_timestamp()::text), '%1$s', ':evt', e, 'test.submitted',
                     'pending', 0, 1800000030000, 'bench', 1800000030000, 1800000000000, 1800000000000, 'live', 'leased'
                FROM unnest(%2$s) AS e;
            COMMIT;
            BEGIN;
            UPDATE deliveries SET status = 'succeeded', state = 'succeeded', attempt_count = 1, next_attempt_at = NULL,
                                  lease_owner = NULL, lease_expires_at = NULL, last_status = 200, last_error = NULL,
                                  last_attempt_at = 1800000000050, updated_at = 1800000000060
             WHERE event_id = ':evt' AND lease_owner = 'bench' AND status = 'pending';
            INSERT INTO attempts (id, delivery_id, attempt_number, started_at, duration_ms, request_url, request_headers,
                                  response_status, response_headers, response_body, response_body_truncated, error)
              SELECT 'wha_' || md5(d.id || clock_timestamp()::text), d.id, 1, 1800000000050, 3, 'http://127.0.0.1:9/hook',
                     repeat('h', 400), 200, '', NULL, 0, NULL
                FROM deliveries d WHERE d.event_id = ':evt';
            COMMIT;
            """.formatted(accountId, endpointArray);
    }

    /** pgbench's own figures for one run. */
    record PgbenchRun(double tps, double latencyMs) {

        private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
        private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

        static PgbenchRun run(String databaseUrl, Path script, int clients, int seconds, Path runDir)
                throws IOException, InterruptedException {
            PostgresDatabase database = new PostgresDatabase(databaseUrl);
            List<String> command = new ArrayList<>(List.of(
                    pgbench(),
                    "-n",
                    "-M",
                    "simple",
                    "-f",
                    script.toString(),
                    "-c",
                    Integer.toString(clients),
                    "-j",
                    "2",
                    "-T",
                    Integer.toString(seconds)));
            command.addAll(database.clientArguments());
            System.out.println("Running pgbench for " + seconds + " s (" + clients + " clients)...");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (database.password() != null) {
                builder.environment().put("PGPASSWORD", database.password());
            }
            Path log = runDir.resolve("pgbench.log");
            builder.redirectOutput(log.toFile());
            int exit = builder.start().waitFor();
            String output = Files.readString(log);
            Matcher tps = TPS.matcher(output);
            Matcher latency = LATENCY.matcher(output);
            if (exit != 0 || !tps.find() || !latency.find()) {
                throw new IllegalStateException("pgbench failed (exit " + exit + "), see " + log + ":\n" + output);
            }
            return new PgbenchRun(Double.parseDouble(tps.group(1)), Double.parseDouble(latency.group(1)));
        }

        private static String pgbench() throws IOException {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (Files.isExecutable(Path.of(dir, "pgbench"))) {
                    return Path.of(dir, "pgbench").toString();
                }
            }
            try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                return versions.map(v -> v.resolve("bin/pgbench"))
                        .filter(Files::isExecutable)
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("pgbench not found"))
                        .toString();
            }
        }
    }
}

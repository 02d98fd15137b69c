package app.smartcomply.webhooks.bench;

import app.smartcomply.webhooks.bench.load.Baseline;
import app.smartcomply.webhooks.bench.load.Publisher;
import app.smartcomply.webhooks.bench.report.DeliveryStats;
import app.smartcomply.webhooks.bench.report.Percentiles;
import app.smartcomply.webhooks.bench.report.Report;
import app.smartcomply.webhooks.bench.service.PostgresWrites;
import app.smartcomply.webhooks.bench.service.Sampler;
import app.smartcomply.webhooks.bench.sink.TripleLog;
import java.util.Map;

/** The report rows every scenario shares, so the tables and JSON read the same everywhere. */
final class Scenarios {

    private Scenarios() {}

    static void publishing(Report report, Publisher.Outcome outcome) {
        report.row(
                "events accepted",
                "events.accepted",
                outcome.accepted(),
                outcome.accepted() + " of " + outcome.attempted() + " (rejected " + outcome.rejected() + ", failed "
                        + outcome.failed()
                        + (outcome.skipped() > 0
                                ? ", not sent because " + outcome.skipped() + " publishes were already waiting"
                                : "")
                        + ")" + (outcome.errors().isEmpty() ? "" : " " + outcome.errors()));
        report.put("events.skipped", outcome.skipped());
        report.put("events.errors", outcome.errors());
        report.metric(
                "events accepted/s",
                "events.accepted_per_second",
                outcome.acceptedPerSecond(),
                "/s over " + Report.format(outcome.seconds()) + " s");
    }

    static void publishLatency(Report report, TripleLog published) {
        publishLatency(report, "events.publish_latency_ms", published);
    }

    /** The publish requests' round trips (request sent to 202 received), under {@code key}. */
    static void publishLatency(Report report, String key, TripleLog published) {
        long[] rtt = new long[(int) published.size()];
        int n = 0;
        for (long row = 0; row < published.size(); row++) {
            if (published.key(row) != 0) {
                rtt[n++] = published.b(row) - published.a(row);
            }
        }
        report.latency("publish request latency", key, Percentiles.of(rtt, n));
    }

    static void deliveries(Report report, DeliveryStats stats, long expected, boolean complete) {
        report.row(
                "deliveries received",
                "deliveries.received",
                stats.deliveries(),
                stats.deliveries() + " of " + expected + (complete ? "" : " (INCOMPLETE: stopped waiting)")
                        + ", duplicates " + stats.duplicates());
        report.put("deliveries.expected", expected);
        report.put("deliveries.duplicates", stats.duplicates());
        report.put("deliveries.complete", complete);
        report.metric(
                "deliveries/s",
                "deliveries.per_second",
                stats.deliveriesPerSecond(),
                "/s (first publish to last arrival, " + Report.format(stats.spanSeconds()) + " s)");
        report.latency("publish→receipt latency", "deliveries.latency_ms", stats.latency());
    }

    static void process(Report report, Sampler sampler, double loadBefore) {
        report.metric(
                "service CPU",
                "service.cpu_cores_mean",
                sampler.serviceCpuCores(),
                "cores mean (" + Report.format(sampler.serviceCpuSeconds()) + " CPU-s); bench process "
                        + Report.format(sampler.benchCpuCores()) + " cores");
        report.put("service.cpu_seconds", sampler.serviceCpuSeconds());
        report.put("bench.cpu_cores_mean", sampler.benchCpuCores());
        report.metric(
                "machine CPU busy",
                "machine_cpu_busy_cores_mean",
                sampler.machineBusyCores(),
                "of " + Runtime.getRuntime().availableProcessors()
                        + " cores mean (everything: service, database, bench, other users)");
        report.metric("service RSS max", "service.rss_max_mib", sampler.maxServiceRssKib() / 1024.0, "MiB");
        report.metric("service OS threads max", "service.threads_max", sampler.maxServiceThreads(), "");
        report.row(
                "machine load (1 min)",
                "machine_load.before",
                loadBefore,
                "before " + Report.format(loadBefore) + ", max during " + Report.format(sampler.maxLoad())
                        + " (2 cores)");
        report.put("machine_load.max_during", sampler.maxLoad());
        report.put("timeline", sampler.points());
    }

    static void ratio(Report report, double perSecond, Baseline.Result baseline) {
        if (baseline == null) {
            return;
        }
        report.metric(
                "ratio to baseline",
                "ratio_to_baseline",
                perSecond / baseline.postsPerSecond(),
                "(deliveries/s ÷ baseline POST/s)");
    }

    /**
     * PostgreSQL's writes for the measured phase, per delivery received: WAL bytes and row writes,
     * each table's inserts and updates (HOT among them) — the write amplification of a delivery.
     */
    static void writesPerDelivery(Report report, PostgresWrites.Snapshot written, long deliveries) {
        if (deliveries <= 0) {
            return;
        }
        report.heading("PostgreSQL writes per delivery (pg_current_wal_lsn, pg_stat_user_tables)");
        report.metric(
                "WAL bytes per delivery",
                "postgres.wal_bytes_per_delivery",
                (double) written.walBytes() / deliveries,
                "B");
        long rows = written.tables().values().stream()
                .mapToLong(PostgresWrites.Rows::writes)
                .sum();
        report.metric(
                "row writes per delivery",
                "postgres.row_writes_per_delivery",
                (double) rows / deliveries,
                "(all tables below)");
        written.tables()
                .forEach((table, r) -> report.row(
                        table,
                        "postgres.rows." + table,
                        Map.of(
                                "inserted",
                                r.inserted(),
                                "updated",
                                r.updated(),
                                "hot_updated",
                                r.hotUpdated(),
                                "deleted",
                                r.deleted()),
                        String.format(
                                "%.2f inserted, %.2f updated (%.2f HOT), %.2f deleted per delivery",
                                (double) r.inserted() / deliveries,
                                (double) r.updated() / deliveries,
                                (double) r.hotUpdated() / deliveries,
                                (double) r.deleted() / deliveries)));
    }
}

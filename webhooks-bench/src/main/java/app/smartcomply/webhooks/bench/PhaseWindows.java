package app.smartcomply.webhooks.bench;

import app.smartcomply.webhooks.bench.report.Percentiles;
import app.smartcomply.webhooks.bench.report.Report;
import app.smartcomply.webhooks.bench.sink.TripleLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A measured phase cut into windows of publish time: the publish→receipt percentiles of the events
 * published in each window beside what the purge did in it (rows deleted, the SQLite file's size
 * at its end). Says which part of a purge — deleting rows, or giving pages back — the tail
 * belongs to, which one figure for the whole phase cannot.
 */
final class PhaseWindows {

    /** One window: from {@code fromSeconds} after the first publish, its latency and the purge's work. */
    record Window(long fromSeconds, Percentiles latency, long rowsPurged, double fileMib) {}

    /** A sample of the purge: when (nanoTime), rows deleted so far, bytes of the database and its WAL. */
    record Sample(long nanos, long rows, long bytes) {}

    private PhaseWindows() {}

    static List<Window> of(
            TripleLog published, TripleLog arrivals, long firstPublishNanos, long windowSeconds, List<Sample> samples) {
        long width = windowSeconds * 1_000_000_000L;
        Map<Long, Long> startByEvent = new HashMap<>((int) (published.size() * 1.5) + 16);
        for (long row = 0; row < published.size(); row++) {
            if (published.key(row) != 0) {
                startByEvent.put(published.key(row), published.a(row));
            }
        }
        Map<Integer, List<Long>> byWindow = new HashMap<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (long row = 0; row < arrivals.size(); row++) {
            Long start = startByEvent.get(arrivals.key(row));
            if (start == null || !seen.add(arrivals.key(row))) {
                continue;
            }
            int index = (int) ((start - firstPublishNanos) / width);
            byWindow.computeIfAbsent(index, i -> new ArrayList<>()).add(arrivals.b(row) - start);
        }
        List<Window> windows = new ArrayList<>();
        int last = byWindow.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1);
        for (int i = 0; i <= last; i++) {
            long[] latencies = byWindow.getOrDefault(i, List.of()).stream()
                    .mapToLong(Long::longValue)
                    .toArray();
            long from = firstPublishNanos + i * width;
            Sample atStart = at(samples, from);
            Sample atEnd = at(samples, from + width);
            windows.add(new Window(
                    i * windowSeconds,
                    Percentiles.of(latencies),
                    atStart == null || atEnd == null ? 0 : atEnd.rows() - atStart.rows(),
                    atEnd == null ? Double.NaN : atEnd.bytes() / (1024.0 * 1024.0)));
        }
        return windows;
    }

    /** The last sample taken at or before {@code nanos} (the first one if none was). */
    private static Sample at(List<Sample> samples, long nanos) {
        Sample found = samples.isEmpty() ? null : samples.getFirst();
        for (Sample sample : samples) {
            if (sample.nanos() <= nanos) {
                found = sample;
            }
        }
        return found;
    }

    static void report(Report report, String label, List<Window> windows, long windowSeconds) {
        report.put(label + ".windows", windows);
        for (Window window : windows) {
            Percentiles p = window.latency();
            report.row(
                    String.format(
                            Locale.ROOT,
                            "  published %3d–%3d s",
                            window.fromSeconds(),
                            window.fromSeconds() + windowSeconds),
                    label + ".windows_shown." + window.fromSeconds(),
                    p.p99(),
                    p.count() == 0
                            ? "no deliveries"
                            : String.format(
                                    Locale.ROOT,
                                    "p50 %s  p99 %s ms (n=%d); purged %d rows; file %s MiB",
                                    Report.format(p.p50()),
                                    Report.format(p.p99()),
                                    p.count(),
                                    window.rowsPurged(),
                                    Report.format(window.fileMib())));
        }
    }
}

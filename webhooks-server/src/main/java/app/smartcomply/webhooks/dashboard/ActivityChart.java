package app.smartcomply.webhooks.dashboard;

import app.smartcomply.webhooks.delivery.DeliveryStats.HourlyAttempts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The endpoint's last 24 hours as an inline SVG, laid out here so the template only places shapes:
 * a stacked bar per hour (succeeded below, failed on top, left scale) and the hourly mean latency
 * as a line (right scale). Numbers only reach the markup, never text from outside. The same figures
 * are offered as a table next to it, for screen readers and for reading exact values.
 */
record ActivityChart(
        List<Bar> bars,
        String latencyPoints,
        List<Dot> latencyDots,
        List<Tick> countTicks,
        List<Tick> latencyTicks,
        List<Label> hourLabels,
        long succeeded,
        long failed,
        Long averageMillis,
        String summary,
        List<HourlyAttempts> activeHours) {

    static final int WIDTH = 720;
    static final int HEIGHT = 220;
    static final int LEFT = 44;
    static final int RIGHT = 648;
    static final int TOP = 14;
    static final int BOTTOM = 184;

    /** One hour's stacked bar; heights may be 0. */
    record Bar(double x, double width, double okY, double okHeight, double failY, double failHeight) {}

    record Dot(double x, double y) {}

    record Tick(double y, String label) {}

    record Label(double x, String text) {}

    static ActivityChart of(List<HourlyAttempts> hours, DisplayTime time) {
        long maxCount = niceCeiling(
                hours.stream().mapToLong(HourlyAttempts::total).max().orElse(0));
        long maxLatency = niceCeiling(Math.round(hours.stream()
                .filter(h -> h.averageMillis() != null)
                .mapToDouble(HourlyAttempts::averageMillis)
                .max()
                .orElse(0)));
        double slot = (RIGHT - LEFT) / (double) hours.size();
        double plotHeight = BOTTOM - TOP;
        List<Bar> bars = new ArrayList<>();
        List<Dot> dots = new ArrayList<>();
        StringBuilder points = new StringBuilder();
        List<Label> labels = new ArrayList<>();
        long succeeded = 0;
        long failed = 0;
        double latencyWeighted = 0;
        List<HourlyAttempts> active = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            HourlyAttempts hour = hours.get(i);
            double x = LEFT + i * slot;
            double okHeight = plotHeight * hour.succeeded() / maxCount;
            double failHeight = plotHeight * hour.failed() / maxCount;
            bars.add(new Bar(
                    round(x + slot * 0.15),
                    round(slot * 0.7),
                    round(BOTTOM - okHeight),
                    round(okHeight),
                    round(BOTTOM - okHeight - failHeight),
                    round(failHeight)));
            if (hour.averageMillis() != null) {
                double y = BOTTOM - plotHeight * hour.averageMillis() / maxLatency;
                Dot dot = new Dot(round(x + slot / 2), round(y));
                dots.add(dot);
                points.append(points.isEmpty() ? "" : " ")
                        .append(dot.x())
                        .append(',')
                        .append(dot.y());
                latencyWeighted += hour.averageMillis() * hour.total();
                active.add(hour);
            }
            if (i % 6 == 0 || i == hours.size() - 1) {
                labels.add(new Label(round(x + slot / 2), time.hour(hour.hourStart())));
            }
            succeeded += hour.succeeded();
            failed += hour.failed();
        }
        Long average = succeeded + failed == 0 ? null : Math.round(latencyWeighted / (succeeded + failed));
        String summary = succeeded + failed == 0
                ? "No delivery attempts in the last 24 hours."
                : String.format(
                        Locale.ROOT,
                        "%d attempts in the last 24 hours: %d succeeded, %d failed; mean latency %d ms.",
                        succeeded + failed,
                        succeeded,
                        failed,
                        average);
        return new ActivityChart(
                bars,
                points.toString(),
                dots,
                ticks(maxCount, ""),
                ticks(maxLatency, " ms"),
                labels,
                succeeded,
                failed,
                average,
                summary,
                active);
    }

    private static List<Tick> ticks(long max, String unit) {
        return List.of(
                new Tick(BOTTOM, "0"),
                new Tick(round(TOP + (BOTTOM - TOP) / 2.0), max % 2 == 0 ? (max / 2) + unit : ""),
                new Tick(TOP, max + unit));
    }

    /** The smallest of 1, 2, 5, 10, 20, 50, ... that is at least {@code value} (and at least 2). */
    static long niceCeiling(long value) {
        long step = 1;
        while (true) {
            for (long factor : new long[] {2, 5, 10}) {
                if (step * factor >= value) {
                    return step * factor;
                }
            }
            step *= 10;
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}

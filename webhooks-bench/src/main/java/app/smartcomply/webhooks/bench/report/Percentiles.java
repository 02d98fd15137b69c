package app.smartcomply.webhooks.bench.report;

import java.util.Arrays;

/** Latency percentiles in milliseconds, from raw nanosecond samples (nearest-rank). */
public record Percentiles(long count, double p50, double p95, double p99, double p999, double max, double mean) {

    public static final Percentiles EMPTY =
            new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** Sorts {@code nanos} in place. */
    public static Percentiles of(long[] nanos, int length) {
        if (length == 0) {
            return EMPTY;
        }
        Arrays.sort(nanos, 0, length);
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += nanos[i];
        }
        return new Percentiles(
                length,
                ms(rank(nanos, length, 0.50)),
                ms(rank(nanos, length, 0.95)),
                ms(rank(nanos, length, 0.99)),
                ms(rank(nanos, length, 0.999)),
                ms(nanos[length - 1]),
                sum / length / 1e6);
    }

    public static Percentiles of(long[] nanos) {
        return of(nanos, nanos.length);
    }

    private static long rank(long[] sorted, int length, double quantile) {
        int index = (int) Math.ceil(quantile * length) - 1;
        return sorted[Math.max(0, Math.min(length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** The share of samples at or under each bound (ms), for a latency histogram. */
    public static double[] cumulativeShares(long[] sortedNanos, int length, double[] boundsMs) {
        double[] shares = new double[boundsMs.length];
        int i = 0;
        for (int b = 0; b < boundsMs.length; b++) {
            long bound = (long) (boundsMs[b] * 1e6);
            while (i < length && sortedNanos[i] <= bound) {
                i++;
            }
            shares[b] = length == 0 ? Double.NaN : (double) i / length;
        }
        return shares;
    }
}

package app.smartcomply.webhooks.delivery;

import java.time.Duration;

/**
 * Writes a configured period the way a person says it: {@code 5 days}, {@code 12 hours}, {@code 90
 * minutes}, {@code 1 day}. The largest unit that divides the period exactly is used, so nothing is
 * rounded away (36 hours stay "36 hours", never "1 day"); an odd period falls back to seconds.
 */
public final class HumanDuration {

    private HumanDuration() {}

    public static String of(Duration period) {
        long seconds = period.toSeconds();
        if (seconds > 0 && seconds % 86_400 == 0) {
            return count(seconds / 86_400, "day");
        }
        if (seconds > 0 && seconds % 3_600 == 0) {
            return count(seconds / 3_600, "hour");
        }
        if (seconds > 0 && seconds % 60 == 0) {
            return count(seconds / 60, "minute");
        }
        return count(seconds, "second");
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}

package app.smartcomply.webhooks.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How times read on dashboard pages. Always UTC and always labelled so (the same clock as the API
 * and the payloads, so a time can be matched against a receiver's logs), with a relative form for
 * "how long ago" at a glance. Templates reach it as {@code time}.
 */
@Component
class DisplayTime {

    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern(
                    "d MMM yyyy, HH:mm:ss 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    private final Clock clock;

    DisplayTime(Clock clock) {
        this.clock = clock;
    }

    long now() {
        return clock.millis();
    }

    /** {@code 5 May 2026, 14:00:03 UTC}, or an em dash for null. */
    public String at(Long epochMillis) {
        return epochMillis == null ? "—" : FULL.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Machine-readable form for {@code <time datetime>}. */
    public String iso(Long epochMillis) {
        return epochMillis == null ? null : ISO.format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code 14:00} (UTC). */
    public String hour(long epochMillis) {
        return HOUR.format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code just now}, {@code 42 s ago}, {@code 3 min ago}, {@code 5 h ago}, {@code 2 days ago}, {@code in 4 min}. */
    public String ago(Long epochMillis) {
        if (epochMillis == null) {
            return "—";
        }
        long diff = clock.millis() - epochMillis;
        String span = span(Duration.ofMillis(Math.abs(diff)));
        if (span == null) {
            return "just now";
        }
        return diff >= 0 ? span + " ago" : "in " + span;
    }

    private static String span(Duration d) {
        if (d.toSeconds() < 5) {
            return null;
        }
        if (d.toMinutes() < 1) {
            return d.toSeconds() + " s";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min";
        }
        if (d.toDays() < 2) {
            return d.toHours() + " h";
        }
        return d.toDays() + " days";
    }
}

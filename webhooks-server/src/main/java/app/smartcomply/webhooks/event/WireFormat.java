package app.smartcomply.webhooks.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How times look wherever a customer reads them — in payloads and in API responses: ISO-8601 UTC
 * with exactly three fractional digits, {@code 2026-05-05T14:00:00.000Z}.
 */
public final class WireFormat {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WireFormat() {}

    public static String timestamp(long epochMillis) {
        return TIMESTAMP.format(Instant.ofEpochMilli(epochMillis));
    }

    /** The same, or null for null. */
    public static String timestamp(Long epochMillis) {
        return epochMillis == null ? null : timestamp(epochMillis.longValue());
    }
}

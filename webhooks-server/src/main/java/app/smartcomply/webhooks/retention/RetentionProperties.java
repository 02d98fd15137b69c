package app.smartcomply.webhooks.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;

/**
 * How long data is kept and how often the purge runs ({@code webhooks.retention.*}).
 *
 * <p>Durations are written as ISO-8601 ({@code P30D}, {@code PT10S}) or in the short form
 * ({@code 30d}, {@code 12h}, {@code 5m}, {@code 10s}). A value that is not a positive duration
 * stops the service at start, naming the environment variable to fix.
 */
@ConfigurationProperties("webhooks.retention")
public final class RetentionProperties {

    static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(5);
    static final int DEFAULT_BATCH_SIZE = 500;

    private final Duration period;
    private final Duration purgeInterval;
    private final int batchSize;

    /**
     * @param period how long events are kept ({@code WEBHOOKS_RETENTION}, default 30 days)
     * @param purgeInterval time between purge rounds ({@code WEBHOOKS_PURGE_INTERVAL}, default 5 minutes)
     * @param batchSize most events (or endpoints) deleted per transaction (default 500)
     */
    public RetentionProperties(String period, String purgeInterval, Integer batchSize) {
        this.period = parse(period, DEFAULT_PERIOD, "WEBHOOKS_RETENTION", "webhooks.retention.period");
        this.purgeInterval = parse(
                purgeInterval, DEFAULT_PURGE_INTERVAL, "WEBHOOKS_PURGE_INTERVAL", "webhooks.retention.purge-interval");
        this.batchSize = batchSize == null ? DEFAULT_BATCH_SIZE : batchSize;
        if (this.batchSize < 1) {
            throw new IllegalArgumentException("webhooks.retention.batch-size must be 1 or more, not " + batchSize);
        }
    }

    public Duration period() {
        return period;
    }

    public Duration purgeInterval() {
        return purgeInterval;
    }

    public int batchSize() {
        return batchSize;
    }

    static Duration parse(String value, Duration fallback, String variable, String property) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Duration parsed;
        try {
            parsed = DurationStyle.detectAndParse(value.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(value, variable, property);
        }
        if (parsed.isZero() || parsed.isNegative()) {
            throw invalid(value, variable, property);
        }
        return parsed;
    }

    private static IllegalArgumentException invalid(String value, String variable, String property) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return new IllegalArgumentException(variable + " (" + property + ") must be a positive duration such as 30d, "
                + "12h, 5m, 10s or ISO-8601 P30D / PT10S; got '" + shown + "'.");
    }
}

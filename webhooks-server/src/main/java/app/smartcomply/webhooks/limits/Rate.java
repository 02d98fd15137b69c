package app.smartcomply.webhooks.limits;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/**
 * A token bucket: {@code requests} per {@code per}, refilled smoothly (one every {@code per /
 * requests}), holding at most {@code burst} at once. {@code requests} 0 means no limit.
 *
 * @param requests how many per period; 0 for unlimited
 * @param per the period (e.g. {@code 1s}, {@code 5m}, {@code 1h})
 * @param burst the most that may be used at once after a quiet spell; 0 or unset: {@code requests}
 */
public record Rate(Long requests, Duration per, Long burst) {

    static final Rate UNLIMITED = new Rate(0L, Duration.ofSeconds(1), 0L);

    public Rate {
        requests = requests != null ? requests : 0L;
        per = per != null ? per : Duration.ofSeconds(1);
        // 0 or unset: bursts as large as one period's requests.
        burst = burst != null && burst != 0 ? burst : requests;
        if (requests < 0 || burst < 0 || (requests > 0 && burst < 1)) {
            throw new IllegalStateException("a rate limit needs requests >= 0 and burst >= 1");
        }
        if (per.isNegative() || per.isZero()) {
            throw new IllegalStateException("a rate limit's period must be positive");
        }
    }

    static Rate of(long requests, String per, long burst) {
        return new Rate(requests, DurationStyle.detectAndParse(per), burst);
    }

    static Rate orDefault(Rate configured, Rate fallback) {
        return configured != null ? configured : fallback;
    }

    /** Whether this rate limits anything. */
    public boolean unlimited() {
        return requests == 0;
    }

    /** For messages: "60 per 1 hour", "100 per 1 second". */
    public String describe() {
        long seconds = per.toSeconds();
        String period = seconds % 3600 == 0
                ? seconds / 3600 + " hour"
                : seconds % 60 == 0 ? seconds / 60 + " minute" : seconds + " second";
        return requests + " per " + period + (period.startsWith("1 ") ? "" : "s");
    }

    /** How long an unused bucket takes to fill up again: after that, forgetting it changes nothing. */
    Duration timeToFull() {
        return per.multipliedBy(burst).dividedBy(requests).plusSeconds(1);
    }
}

package app.smartcomply.webhooks.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the public ids: a type prefix ({@code whe_}, {@code evt_}, ...) and 32 lowercase hex
 * digits.
 *
 * <p>The 32 digits are laid out like a UUIDv7: 48 bits of epoch milliseconds, then a per-process
 * counter seeded randomly, then random bits. Ids of one kind therefore sort by creation time as
 * strings, which is what lets every list page with {@code starting_after=<id>} on the primary key
 * alone, on both engines.
 *
 * <p>Ids are unique, not secret: nothing is reachable by knowing one without the account's key.
 * So the random bits come from {@link ThreadLocalRandom} rather than a {@link SecureRandom},
 * whose shared, locked source cost the store's single writer (which makes the ids of deliveries
 * and attempts) a tenth of its time. Only the counter's starting point is drawn securely, once.
 */
public final class PrefixedIds {

    private static final HexFormat HEX = HexFormat.of();

    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong(new SecureRandom().nextLong());

    public PrefixedIds(Clock clock) {
        this.clock = clock;
    }

    /** A new id with the given prefix, e.g. {@code next("evt_")}. */
    public String next(String prefix) {
        long millis = clock.millis();
        long high = (millis << 16) | (sequence.incrementAndGet() & 0xFFFF);
        long low = ThreadLocalRandom.current().nextLong();
        return prefix + HEX.toHexDigits(high) + HEX.toHexDigits(low);
    }

    /**
     * The smallest id with this prefix made at {@code millis}: every id made earlier sorts below it,
     * so {@code id < lowestAt(prefix, t)} walks the primary key instead of an index of creation times.
     */
    public static String lowestAt(String prefix, long millis) {
        return prefix + HEX.toHexDigits(millis << 16) + "0".repeat(16);
    }

    /** When a well-formed id (see {@link #isWellFormed}) was made, in epoch milliseconds. */
    public static long millisOf(String id, String prefix) {
        return HEX.fromHexDigitsToLong(id, prefix.length(), prefix.length() + 12);
    }

    /** True if {@code id} has the prefix and exactly 32 lowercase hex digits after it. */
    public static boolean isWellFormed(String id, String prefix) {
        if (id == null || !id.startsWith(prefix) || id.length() != prefix.length() + 32) {
            return false;
        }
        for (int i = prefix.length(); i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}

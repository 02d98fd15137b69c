package app.smartcomply.webhooks.bench.sink;

import java.util.HexFormat;

/**
 * Event ids as longs. An id is {@code evt_} + 32 hex digits whose first 16 are epoch milliseconds
 * and a per-process counter (see the service's {@code PrefixedIds}); those 64 bits alone tell the
 * events of one run apart, so the benchmark joins publishes and arrivals on them.
 */
public final class EventKeys {

    private static final String PREFIX = "evt_";

    private EventKeys() {}

    /** The join key of an event id; 0 when the id is not an event id. */
    public static long of(CharSequence id) {
        if (id == null || id.length() != PREFIX.length() + 32) {
            return 0;
        }
        try {
            return HexFormat.fromHexDigitsToLong(id, PREFIX.length(), PREFIX.length() + 16);
        } catch (IllegalArgumentException notHex) {
            return 0;
        }
    }
}

package app.smartcomply.webhooks.bench.sink;

import java.time.Duration;

/** How a sink endpoint answers a delivery. */
public record Reply(Kind kind, Duration delay) {

    public enum Kind {
        /** 200 at once. */
        OK,
        /** 200 after {@code delay}. */
        SLOW,
        /** Reads the request and never answers; the connection is dropped after {@code delay}. */
        TIMEOUT,
        /** Reads the request and resets the connection (RST). */
        RESET,
        /** 500 at once, keep-alive. */
        FAIL
    }

    public static final Reply OK = new Reply(Kind.OK, Duration.ZERO);
    public static final Reply RESET = new Reply(Kind.RESET, Duration.ZERO);
    public static final Reply FAIL = new Reply(Kind.FAIL, Duration.ZERO);

    public static Reply slow(Duration delay) {
        return new Reply(Kind.SLOW, delay);
    }

    /** Holds the request far past the service's 10 s attempt timeout. */
    public static Reply timeout() {
        return new Reply(Kind.TIMEOUT, Duration.ofSeconds(30));
    }
}

package app.smartcomply.webhooks.account;

import app.smartcomply.webhooks.error.InvalidInputException;
import java.util.Arrays;

/**
 * Whether a key is for real traffic ({@code sc_live_…}) or for testing ({@code sc_test_…}). The
 * mode travels with the caller, and endpoints, events and deliveries carry the mode they were made
 * in: a key sees and changes only those of its own mode, and an event reaches only endpoints of its
 * mode. The same account, two separate worlds.
 */
public enum ApiKeyMode {
    LIVE("live", "sc_live_"),
    TEST("test", "sc_test_");

    private final String wire;
    private final String keyPrefix;

    ApiKeyMode(String wire, String keyPrefix) {
        this.wire = wire;
        this.keyPrefix = keyPrefix;
    }

    public String wire() {
        return wire;
    }

    /** How every key of this mode begins. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** Parses a client's value; {@code param} names the field in the error. */
    public static ApiKeyMode parse(String value, String param) {
        return Arrays.stream(values())
                .filter(m -> m.wire.equals(value))
                .findFirst()
                .orElseThrow(
                        () -> new InvalidInputException("invalid_mode", param, param + " must be 'live' or 'test'."));
    }

    /** The mode a stored {@code mode} column holds; anything but {@code test} is live. */
    public static ApiKeyMode fromStored(String stored) {
        return TEST.wire.equals(stored) ? TEST : LIVE;
    }

    /** True if the token has the shape of an account key of either mode. */
    static boolean isAccountKey(String token) {
        return Arrays.stream(values()).anyMatch(m -> token.startsWith(m.keyPrefix));
    }
}

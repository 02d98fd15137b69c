package app.smartcomply.webhooks.account;

import app.smartcomply.webhooks.error.InvalidInputException;
import java.util.Arrays;

/** What an account key may do: everything its account may, or only read. */
public enum ApiKeyScope {
    /** Every operation of its account. */
    FULL("full"),
    /** Reads only: every write (any non-GET API call, any dashboard form) is refused. */
    READ_ONLY("read_only");

    private final String wire;

    ApiKeyScope(String wire) {
        this.wire = wire;
    }

    /** The name used in the API, the database and forms. */
    public String wire() {
        return wire;
    }

    /** Parses a client's value; {@code param} names the field in the error. */
    public static ApiKeyScope parse(String value, String param) {
        return Arrays.stream(values())
                .filter(s -> s.wire.equals(value))
                .findFirst()
                .orElseThrow(() ->
                        new InvalidInputException("invalid_scope", param, param + " must be 'full' or 'read_only'."));
    }

    static ApiKeyScope fromStored(String stored) {
        return READ_ONLY.wire.equals(stored) ? READ_ONLY : FULL;
    }
}

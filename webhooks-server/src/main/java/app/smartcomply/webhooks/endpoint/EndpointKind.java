package app.smartcomply.webhooks.endpoint;

import java.util.Locale;

/**
 * What an endpoint is: a customer's HTTP receiver, which the delivery engine POSTs to, or a
 * {@code webhooks listen} session, which the engine never sends to — the CLI takes its events
 * over a stream it opened itself and forwards them to a local receiver.
 */
public enum EndpointKind {
    HTTP,
    LISTEN;

    /** The stored and wire name: {@code http} or {@code listen}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind stored in a row; an unknown value is an error in the store, not input. */
    public static EndpointKind fromStored(String stored) {
        return valueOf(stored.toUpperCase(Locale.ROOT));
    }
}

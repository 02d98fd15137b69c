package app.smartcomply.webhooks.endpoint;

import java.util.Locale;

/** Whether an endpoint receives deliveries. Written in lower case on the wire and in the store. */
public enum EndpointStatus {
    ACTIVE,
    DISABLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this wire name, or null. */
    public static EndpointStatus fromWireName(String name) {
        for (EndpointStatus status : values()) {
            if (status.wireName().equals(name)) {
                return status;
            }
        }
        return null;
    }
}

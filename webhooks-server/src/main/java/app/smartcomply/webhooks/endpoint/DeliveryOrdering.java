package app.smartcomply.webhooks.endpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The order an endpoint's deliveries are sent in. {@code none} (the default): each is sent as soon
 * as there is room, several at once. {@code fifo}: a delivery is not sent before the one published
 * before it to the same endpoint and line has succeeded or ended in the dead letter; its retries
 * hold the line. A line is the endpoint's deliveries with the same value at {@link #key} in the
 * event's data, or all of them without a key; an event whose data lacks the key (or holds null, an
 * object or an array there) goes in the endpoint's keyless line.
 *
 * @param fifo whether deliveries are sent in order
 * @param key a dotted path into the event's {@code data}, or null for one line per endpoint;
 *     always null when not {@code fifo}
 */
public record DeliveryOrdering(boolean fifo, String key) {

    /** Sent as soon as there is room: no line. */
    public static final DeliveryOrdering NONE = new DeliveryOrdering(false, null);

    /** One line for the whole endpoint. */
    public static final DeliveryOrdering FIFO = new DeliveryOrdering(true, null);

    /** Longest key value kept as it is in a line's name; longer ones are named by their SHA-256. */
    static final int MAX_LINE_LENGTH = 128;

    /** The value stored in {@code endpoints.ordering}. */
    public String wire() {
        return fifo ? "fifo" : "none";
    }

    /** As stored: {@code endpoints.ordering} and {@code ordering_key}. */
    static DeliveryOrdering stored(String ordering, String key) {
        if (!"fifo".equals(ordering)) {
            return NONE;
        }
        return key == null ? FIFO : new DeliveryOrdering(true, key);
    }

    /**
     * The line of an event with this {@code data}: null when not ordered; {@code ""} for the
     * keyless line; otherwise the key's value as JSON text (a string quoted, so {@code "1"} and
     * {@code 1} are two lines), or {@code #} and its SHA-256 when longer than {@value
     * #MAX_LINE_LENGTH} characters.
     */
    public String lineOf(JsonNode data) {
        if (!fifo) {
            return null;
        }
        if (key == null) {
            return "";
        }
        JsonNode value = PayloadFilter.resolve(data, List.of(key.split("\\.")));
        if (value == null || !(value.isString() || value.isNumber() || value.isBoolean())) {
            return "";
        }
        String text = value.toString();
        return text.length() <= MAX_LINE_LENGTH ? text : "#" + sha256(text);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
